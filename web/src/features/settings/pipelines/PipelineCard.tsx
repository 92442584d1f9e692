import { Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { IconArchive, IconStar, IconTrash } from '../../../ui/icons-extra';
import { InlineName } from './InlineName';
import {
  deletePipeline,
  pipelinesKey,
  updatePipeline,
  type Pipeline,
  type PipelinePatch,
} from './pipelines-api';
import { StagesEditor } from './StagesEditor';

type Props = { pipeline: Pipeline; onDeleted: () => void };

/** One pipeline: its name, main flag, incoming leads switch, archive and delete, then its stages. */
export function PipelineCard({ pipeline, onDeleted }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const update = useMutation({
    mutationFn: (patch: PipelinePatch) => updatePipeline(pipeline.id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pipelinesKey }),
  });
  const remove = useMutation({
    mutationFn: () => deletePipeline(pipeline.id),
    onSuccess: async () => {
      setConfirmDelete(false);
      notifications.show({
        color: 'teal',
        message: t('settingsPipelines.pipelineDeleted', { name: pipeline.name }),
      });
      onDeleted();
      await queryClient.invalidateQueries({ queryKey: pipelinesKey });
    },
  });

  return (
    <Paper component="section" withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} aria-label={pipeline.name}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="nowrap" style={{ flex: '1 1 260px', minWidth: 0 }}>
            <InlineName
              value={pipeline.name}
              fw={700}
              label={t('settingsPipelines.renamePipeline', { name: pipeline.name })}
              onSave={(name) => update.mutate({ name })}
            />
            {pipeline.is_main && <Badge variant="light">{t('settingsPipelines.main')}</Badge>}
            {pipeline.is_archive && (
              <Badge variant="light" color="gray">
                {t('settingsPipelines.archived')}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            {!pipeline.is_main && !pipeline.is_archive && (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconStar size={14} />}
                onClick={() => update.mutate({ is_main: true })}
              >
                {t('settingsPipelines.makeMain')}
              </Button>
            )}
            {!pipeline.is_main && (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconArchive size={14} />}
                onClick={() => update.mutate({ is_archive: !pipeline.is_archive })}
              >
                {pipeline.is_archive ? t('settingsPipelines.unarchive') : t('settingsPipelines.archive')}
              </Button>
            )}
            {!pipeline.is_main && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} />}
                onClick={() => {
                  remove.reset();
                  setConfirmDelete(true);
                }}
              >
                {t('settingsPipelines.deletePipeline')}
              </Button>
            )}
          </Group>
        </Group>
        <Switch
          checked={pipeline.is_unsorted_on}
          onChange={(e) => update.mutate({ is_unsorted_on: e.currentTarget.checked })}
          label={t('settingsPipelines.incomingLeads')}
          description={t('settingsPipelines.incomingLeadsHint')}
        />
        <ApiErrorAlert error={update.error} title={t('settingsPipelines.saveFailed')} />
        {pipeline.is_archive && (
          <Text fz="sm" c="dimmed">
            {t('settingsPipelines.archivedHint')}
          </Text>
        )}
        <StagesEditor pipeline={pipeline} />
      </Stack>
      <ConfirmDialog
        opened={confirmDelete}
        title={t('settingsPipelines.deletePipelineTitle', { name: pipeline.name })}
        message={t('settingsPipelines.deletePipelineText')}
        confirmLabel={t('settingsPipelines.deletePipeline')}
        loading={remove.isPending}
        error={<ApiErrorAlert error={remove.error} title={t('settingsPipelines.deletePipelineFailed')} />}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Paper>
  );
}
