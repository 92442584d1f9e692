import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLossReasons } from '../records/hooks';

type Props = {
  opened: boolean;
  loading?: boolean;
  onClose: () => void;
  onConfirm: (lossReasonId: number | null) => void;
};

/** Closing a deal as lost: why. The reasons are the account's (Settings → loss reasons). */
export function LossReasonModal({ opened, loading, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const reasons = useLossReasons();
  const [picked, setPicked] = useState<string | null>(null);
  const list = (reasons.data ?? []).slice().sort((a, b) => a.sort - b.sort);
  return (
    <Modal opened={opened} onClose={onClose} title={t('card.lostTitle')} centered>
      <Stack gap="md">
        {list.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('card.noLossReasons')}
          </Text>
        ) : (
          <Radio.Group label={t('card.lossReason')} value={picked} onChange={setPicked}>
            <Stack gap={6} mt={6}>
              {list.map((r) => (
                <Radio key={r.id} value={String(r.id)} label={r.name} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={loading}
            disabled={list.length > 0 && picked === null}
            onClick={() => onConfirm(picked === null ? null : Number(picked))}
          >
            {t('card.closeLost')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
