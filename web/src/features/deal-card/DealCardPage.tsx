import { Anchor, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { IconChevronLeft } from '../../ui/icons';
import { FieldsPanel } from '../fields/FieldsPanel';
import { LOST_STATUS_ID } from '../records/api';
import { usePipelines } from '../records/hooks';
import { timelineKey } from '../timeline/api';
import { Timeline } from '../timeline/Timeline';
import { deleteDeal, dealKey, fetchDeal, patchDeal, restoreDeal, type DealPatch } from './api';
import { DealHeader } from './DealHeader';
import { DealParties } from './DealParties';
import { LossReasonModal } from './LossReasonModal';
import { MovePipelineModal } from './MovePipelineModal';
import { notifyError } from './notify-error';
import { DealProcessBar } from '../process-rules/DealProcessBar';
import { dealProcessKey } from '../process-rules/rules-api';
import { useDealLive } from './useDealLive';

/** /deals/:id — everything about one deal: stage, budget, fields, contacts, company, feed. */
export function DealCardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const queryClient = useQueryClient();
  const deal = useQuery({ queryKey: dealKey(id), queryFn: () => fetchDeal(id), enabled: valid });
  const pipelines = usePipelines();
  // Changes made elsewhere (another user, the API, automation) show up without a reload.
  useDealLive(id, deal.data);
  const [askingLoss, setAskingLoss] = useState(false);
  const [movingPipeline, setMovingPipeline] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(`${deal.data?.name ?? t('card.title')} · Voronka`);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: dealKey(id) }),
      queryClient.invalidateQueries({ queryKey: timelineKey('leads', id) }),
      queryClient.invalidateQueries({ queryKey: dealProcessKey(id) }),
      // The board and lists show this deal too.
      queryClient.invalidateQueries({ queryKey: ['app', 'board'] }),
    ]);
  };
  const save = async (patch: DealPatch) => {
    await patchDeal(id, patch);
    await refresh();
  };
  const move = useMutation({
    mutationFn: (patch: DealPatch) => patchDeal(id, patch),
    onSuccess: async () => {
      setAskingLoss(false);
      setMovingPipeline(false);
      await refresh();
    },
    onError: (error) => notifyError(t('card.moveFailed'), error),
  });
  const remove = useMutation({
    mutationFn: () => deleteDeal(id),
    onSuccess: async () => {
      setConfirmDelete(false);
      notifications.show({ color: 'teal', message: t('card.deleted') });
      // The deal first, so the feed (which a deleted deal does not have) unmounts before any refetch.
      await queryClient.invalidateQueries({ queryKey: dealKey(id) });
      await queryClient.invalidateQueries({ queryKey: ['app', 'board'] });
    },
  });
  const restore = useMutation({
    mutationFn: () => restoreDeal(id),
    onSuccess: refresh,
    onError: (error) => notifyError(t('card.restoreFailed'), error),
  });

  const back = (
    <Anchor component={Link} to="/deals" fz="sm" w="fit-content">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {t('nav.deals')}
      </Group>
    </Anchor>
  );
  if (!valid || (deal.error instanceof ApiError && deal.error.status === 404))
    return (
      <Stack>
        {back}
        <Title order={1} fz="h3">
          {t('card.notFound')}
        </Title>
      </Stack>
    );
  if (deal.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  if (deal.isError)
    return (
      <ApiErrorAlert error={deal.error} title={t('card.loadFailed')} onRetry={() => void deal.refetch()} />
    );

  const d = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === d.pipeline_id);
  const onMoveStage = (statusId: number) => {
    if (statusId === LOST_STATUS_ID) setAskingLoss(true);
    else move.mutate({ status_id: statusId, pipeline_id: d.pipeline_id });
  };

  return (
    <Stack gap="md">
      {back}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <DealHeader
              deal={d}
              pipeline={pipeline}
              busy={move.isPending || restore.isPending}
              save={save}
              onMoveStage={onMoveStage}
              onMovePipeline={() => setMovingPipeline(true)}
              onDelete={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
              onRestore={() => restore.mutate()}
            />
            <DealProcessBar
              dealId={d.id}
              disabled={d.is_deleted}
              stageName={(stageId) => pipeline?._embedded.statuses.find((s) => s.id === stageId)?.name}
            />
            <Paper withBorder radius="md" p="sm">
              <Text fw={600} fz="sm" tt="uppercase" c="dimmed" mb="xs">
                {t('card.fields')}
              </Text>
              <FieldsPanel
                entityType="leads"
                values={d.custom_fields_values}
                disabled={d.is_deleted}
                onSave={(fieldId, values) => save({ custom_fields_values: [{ field_id: fieldId, values }] })}
              />
            </Paper>
            <DealParties deal={d} disabled={d.is_deleted} onChanged={refresh} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {d.is_deleted ? (
            <Text c="dimmed" fz="sm" ta="center" py="xl">
              {t('card.deletedHistory')}
            </Text>
          ) : (
            <Timeline entityType="leads" entityId={d.id} onChanged={() => void refresh()} />
          )}
        </Grid.Col>
      </Grid>
      <LossReasonModal
        opened={askingLoss}
        loading={move.isPending}
        onClose={() => setAskingLoss(false)}
        onConfirm={(reason) =>
          move.mutate({ status_id: LOST_STATUS_ID, pipeline_id: d.pipeline_id, loss_reason_id: reason })
        }
      />
      <MovePipelineModal
        opened={movingPipeline}
        currentPipelineId={d.pipeline_id}
        loading={move.isPending}
        onClose={() => setMovingPipeline(false)}
        onConfirm={(pipelineId, statusId) => move.mutate({ pipeline_id: pipelineId, status_id: statusId })}
      />
      <ConfirmDialog
        opened={confirmDelete}
        title={t('card.deleteTitle')}
        message={t('card.deleteText', { name: d.name })}
        confirmLabel={t('card.delete')}
        loading={remove.isPending}
        error={<ApiErrorAlert error={remove.error} title={t('card.deleteFailed')} />}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}
