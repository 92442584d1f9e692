import { Button, Group, NumberInput, Select } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import {
  acceptEntry,
  declineEntry,
  inboxKey,
  linkEntry,
  type InboxEntry,
  type PipelineOption,
} from './inbox-api';

/** The stages an entry may be accepted into: every non-incoming stage, grouped by pipeline. */
function stageOptions(pipelines: PipelineOption[]) {
  return pipelines.map((p) => ({
    group: p.name,
    items: p._embedded.statuses
      .filter((s) => s.type !== 1)
      .map((s) => ({ value: String(s.id), label: s.name })),
  }));
}

/** Accept into a stage, link to an existing deal, or decline (after a confirmation). */
export function EntryActions({ entry, pipelines }: { entry: InboxEntry; pipelines: PipelineOption[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const own = pipelines.find((p) => p.id === entry.pipeline_id);
  const firstOpen = own?._embedded.statuses.find((s) => s.type === 0 && s.id !== 142 && s.id !== 143);
  const [stageId, setStageId] = useState<string | null>(firstOpen ? String(firstOpen.id) : null);
  const [dealId, setDealId] = useState<number | string>('');
  const [confirmDecline, setConfirmDecline] = useState(false);
  const done = () => void queryClient.invalidateQueries({ queryKey: inboxKey });
  const accept = useMutation({
    mutationFn: () => acceptEntry(entry.uid, stageId === null ? undefined : Number(stageId)),
    onSuccess: done,
  });
  const decline = useMutation({ mutationFn: () => declineEntry(entry.uid), onSuccess: done });
  const link = useMutation({ mutationFn: () => linkEntry(entry.uid, Number(dealId)), onSuccess: done });
  const error = accept.error ?? link.error;
  return (
    <>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('inbox.acceptInto')}
          data={stageOptions(pipelines)}
          value={stageId ?? (firstOpen ? String(firstOpen.id) : null)}
          onChange={setStageId}
          w={240}
          allowDeselect={false}
          searchable
        />
        <Button onClick={() => accept.mutate()} loading={accept.isPending} data-testid="inbox-accept">
          {t('inbox.accept')}
        </Button>
        <NumberInput
          label={t('inbox.linkDealId')}
          value={dealId}
          onChange={setDealId}
          min={1}
          allowDecimal={false}
          w={140}
          hideControls
        />
        <Button
          variant="default"
          disabled={dealId === '' || Number(dealId) < 1}
          onClick={() => link.mutate()}
          loading={link.isPending}
        >
          {t('inbox.link')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          onClick={() => setConfirmDecline(true)}
          data-testid="inbox-decline"
        >
          {t('inbox.decline')}
        </Button>
      </Group>
      <ApiErrorAlert error={error} title={t('inbox.actionFailed')} />
      <ConfirmDialog
        opened={confirmDecline}
        title={t('inbox.declineTitle')}
        message={t('inbox.declineText')}
        confirmLabel={t('inbox.decline')}
        loading={decline.isPending}
        error={
          decline.error ? <ApiErrorAlert error={decline.error} title={t('inbox.actionFailed')} /> : undefined
        }
        onConfirm={() => decline.mutate(undefined, { onSuccess: () => setConfirmDecline(false) })}
        onClose={() => setConfirmDecline(false)}
      />
    </>
  );
}
