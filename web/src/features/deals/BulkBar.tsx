import { Button, Group, Menu, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { BoardMeta, DealBulkAction } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { bulkDeals, exportUrl } from './board-api';
import { LossReasonModal } from './LossReasonModal';
import { serverMessage } from './move-error';

type Props = {
  ids: number[];
  meta: BoardMeta | undefined;
  pipelineId: number | null;
  filter: URLSearchParams;
  onDone: () => void;
};

type Ask =
  | { kind: 'stage' }
  | { kind: 'responsible' }
  | { kind: 'add_tags' }
  | { kind: 'remove_tags' }
  | { kind: 'delete' }
  | null;

/** Bulk actions on the selected deals: stage, responsible, tags, delete, CSV. */
export function BulkBar({ ids, meta, pipelineId, filter, onDone }: Props) {
  const { t } = useTranslation();
  const [ask, setAsk] = useState<Ask>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [tags, setTags] = useState('');
  const [lossFor, setLossFor] = useState<number | null>(null);
  const run = useMutation({
    mutationFn: (action: DealBulkAction) => bulkDeals(ids, action),
    onSuccess: (result) => {
      setAsk(null);
      setChoice(null);
      setTags('');
      setLossFor(null);
      notifications.show({
        color: result.failed.length ? 'orange' : 'teal',
        message: t('board.bulk.result', { done: result.done, failed: result.failed.length }),
      });
      for (const f of result.failed.slice(0, 3))
        notifications.show({ color: 'red', message: `#${f.id}: ${f.detail}` });
      onDone();
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('board.bulk.failed'),
        message: serverMessage(error, t('app.unreachableText')),
      }),
  });
  const stages = (meta?.pipelines ?? []).flatMap((p) =>
    p.id === pipelineId || pipelineId === null
      ? p.stages.map((s) => ({
          value: String(s.id),
          label: `${p.name}: ${s.kind === 'incoming' ? t('board.incoming') : s.name}`,
          kind: s.kind,
        }))
      : [],
  );
  const tagList = tags
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const close = () => {
    setAsk(null);
    setChoice(null);
  };

  return (
    <Paper withBorder p="xs" radius="md" role="toolbar" aria-label={t('board.bulk.title')}>
      <Group gap="xs" wrap="wrap">
        <Text fz="sm" fw={600}>
          {t('board.bulk.selected', { count: ids.length })}
        </Text>
        <Button size="xs" variant="default" onClick={() => setAsk({ kind: 'stage' })}>
          {t('board.bulk.stage')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setAsk({ kind: 'responsible' })}>
          {t('board.bulk.responsible')}
        </Button>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default">
              {t('board.bulk.tags')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setAsk({ kind: 'add_tags' })}>{t('board.bulk.addTags')}</Menu.Item>
            <Menu.Item onClick={() => setAsk({ kind: 'remove_tags' })}>
              {t('board.bulk.removeTags')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button size="xs" variant="default" component="a" href={exportUrl(pipelineId, filter, ids)} download>
          {t('board.bulk.export')}
        </Button>
        <Button size="xs" color="red" variant="light" onClick={() => setAsk({ kind: 'delete' })}>
          {t('board.bulk.delete')}
        </Button>
      </Group>
      <Modal
        opened={ask !== null && ask.kind !== 'delete'}
        onClose={close}
        title={
          ask
            ? t(
                `board.bulk.${ask.kind === 'stage' ? 'stage' : ask.kind === 'responsible' ? 'responsible' : ask.kind === 'add_tags' ? 'addTags' : 'removeTags'}`,
              )
            : ''
        }
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ask?.kind === 'stage' && choice) {
              const stage = stages.find((s) => s.value === choice);
              if (stage?.kind === 'lost') setLossFor(Number(choice));
              else run.mutate({ type: 'move', stage_id: Number(choice) });
            } else if (ask?.kind === 'responsible' && choice)
              run.mutate({ type: 'responsible', user_id: Number(choice) });
            else if ((ask?.kind === 'add_tags' || ask?.kind === 'remove_tags') && tagList.length)
              run.mutate({ type: ask.kind, tags: tagList });
          }}
        >
          <Stack>
            {ask?.kind === 'stage' && (
              <Select
                label={t('board.bulk.stage')}
                data={stages}
                value={choice}
                onChange={setChoice}
                searchable
                data-autofocus
              />
            )}
            {ask?.kind === 'responsible' && (
              <Select
                label={t('board.bulk.responsible')}
                data={(meta?.users ?? [])
                  .filter((u) => u.is_active)
                  .map((u) => ({ value: String(u.id), label: u.name }))}
                value={choice}
                onChange={setChoice}
                searchable
                data-autofocus
              />
            )}
            {(ask?.kind === 'add_tags' || ask?.kind === 'remove_tags') && (
              <TextInput
                label={t('board.bulk.tagNames')}
                value={tags}
                onChange={(e) => setTags(e.currentTarget.value)}
                data-autofocus
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={run.isPending}>
                {t('board.bulk.apply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <LossReasonModal
        opened={lossFor !== null}
        dealName={t('board.bulk.selected', { count: ids.length })}
        reasons={meta?.loss_reasons ?? []}
        onCancel={() => setLossFor(null)}
        onConfirm={(reason) =>
          lossFor !== null &&
          run.mutate({ type: 'move', stage_id: lossFor, ...(reason ? { loss_reason_id: reason } : {}) })
        }
      />
      <ConfirmDialog
        opened={ask?.kind === 'delete'}
        title={t('board.bulk.deleteTitle')}
        message={t('board.bulk.deleteText', { count: ids.length })}
        confirmLabel={t('board.bulk.delete')}
        onConfirm={() => run.mutate({ type: 'delete' })}
        onClose={close}
        loading={run.isPending}
      />
    </Paper>
  );
}
