import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import type { BoardMeta } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  opened: boolean;
  dealName: string;
  reasons: BoardMeta['loss_reasons'];
  onConfirm: (reasonId: number | undefined) => void;
  onCancel: () => void;
};

/** Closing a deal as lost asks why: the reason feeds the loss reports. */
export function LossReasonModal({ opened, dealName, reasons, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string | null>(null);
  const needsReason = reasons.length > 0;
  return (
    <Modal opened={opened} onClose={onCancel} title={t('board.loss.title')} centered>
      <Stack>
        <Text fz="sm">{t('board.loss.text', { name: dealName })}</Text>
        {needsReason ? (
          <Select
            label={t('board.loss.reason')}
            placeholder={t('board.loss.pick')}
            data={reasons.map((r) => ({ value: String(r.id), label: r.name }))}
            value={reason}
            onChange={setReason}
            searchable
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <Text fz="sm" c="dimmed">
            {t('board.loss.noReasons')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={needsReason && reason === null}
            onClick={() => onConfirm(reason === null ? undefined : Number(reason))}
          >
            {t('board.loss.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
