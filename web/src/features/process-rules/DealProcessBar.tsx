import { Alert, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { useLossReasons } from '../records/hooks';
import { dealProcessKey, fetchDealProcess, reanimate, type ReanimationOption } from './rules-api';

type Props = { dealId: number; disabled: boolean; stageName: (stageId: number) => string | undefined };

/** "Close and re-create": closes the deal as lost with a reason and opens the new deal. */
function ReanimateModal({
  dealId,
  option,
  stageName,
  onClose,
}: {
  dealId: number;
  option: ReanimationOption;
  stageName: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reasons = useLossReasons();
  const [reason, setReason] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () =>
      reanimate(dealId, { rule_id: option.rule_id, ...(reason ? { loss_reason_id: Number(reason) } : {}) }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['app', 'board'] });
      onClose();
      await navigate(`/deals/${result.new_id}`);
    },
  });
  const list = (reasons.data ?? []).slice().sort((a, b) => a.sort - b.sort);
  return (
    <Modal opened onClose={onClose} centered title={t('processRules.reanimate.title')}>
      <Stack gap="md">
        <Text fz="sm">{t('processRules.reanimate.text', { stage: stageName ?? '' })}</Text>
        <Select
          label={t('processRules.reanimate.reason')}
          placeholder={t('processRules.reanimate.pickReason')}
          data={list.map((r) => ({ value: String(r.id), label: r.name }))}
          value={reason}
          onChange={setReason}
          data-autofocus
        />
        <ApiErrorAlert error={run.error} title={t('processRules.reanimate.failed')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={run.isPending}
            disabled={list.length > 0 && reason === null}
            onClick={() => run.mutate()}
          >
            {t('processRules.reanimate.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Under the deal card's header: the stage's time limit when it is over, and reanimation. */
export function DealProcessBar({ dealId, disabled, stageName }: Props) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: dealProcessKey(dealId), queryFn: () => fetchDealProcess(dealId) });
  const [open, setOpen] = useState<ReanimationOption | null>(null);
  if (!info.data) return null;
  const limit = info.data.stage_limit;
  const options = info.data.options;
  if (!limit?.overdue_days && options.length === 0) return null;
  return (
    <Stack gap="xs">
      {limit?.overdue_days ? (
        <Alert color="orange" variant="light" data-testid="stage-overdue">
          {t('processRules.overdue', { count: limit.overdue_days, days: limit.days })}
        </Alert>
      ) : null}
      {options.map((o) => (
        <Group key={o.rule_id} gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="light"
            disabled={disabled || o.blockers.length > 0}
            onClick={() => setOpen(o)}
          >
            {t('processRules.reanimate.button')}
          </Button>
          {o.name && (
            <Badge variant="outline" color="gray" styles={{ root: { textTransform: 'none' } }}>
              {o.name}
            </Badge>
          )}
          {o.blockers.length > 0 && (
            <Text fz="xs" c="dimmed">
              {t('processRules.reanimate.blocked', { reasons: o.blockers.join('; ') })}
            </Text>
          )}
        </Group>
      ))}
      {open && (
        <ReanimateModal
          dealId={dealId}
          option={open}
          stageName={stageName(open.target_stage_id)}
          onClose={() => setOpen(null)}
        />
      )}
    </Stack>
  );
}
