import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLost, isWon } from '../records/api';
import { usePipelines } from '../records/hooks';

type Props = {
  opened: boolean;
  currentPipelineId: number;
  loading?: boolean;
  onClose: () => void;
  onConfirm: (pipelineId: number, statusId: number) => void;
};

/** Moves a deal to another pipeline, into the stage picked there (the first open one by default). */
export function MovePipelineModal({ opened, currentPipelineId, loading, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const others = (pipelines.data ?? []).filter((p) => p.id !== currentPipelineId && !p.is_archive);
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [statusId, setStatusId] = useState<string | null>(null);
  const pipeline = others.find((p) => String(p.id) === pipelineId);
  const stages = (pipeline?._embedded.statuses ?? [])
    .filter((s) => !isWon(s.id) && !isLost(s.id))
    .sort((a, b) => a.sort - b.sort);
  return (
    <Modal opened={opened} onClose={onClose} title={t('card.movePipelineTitle')} centered>
      <Stack gap="md">
        <Select
          label={t('card.pipeline')}
          data={others.map((p) => ({ value: String(p.id), label: p.name }))}
          value={pipelineId}
          nothingFoundMessage={t('card.noOtherPipelines')}
          placeholder={others.length === 0 ? t('card.noOtherPipelines') : undefined}
          onChange={(id) => {
            setPipelineId(id);
            const first = others
              .find((p) => String(p.id) === id)
              ?._embedded.statuses.filter((s) => !isWon(s.id) && !isLost(s.id))
              .sort((a, b) => a.sort - b.sort)[0];
            setStatusId(first ? String(first.id) : null);
          }}
        />
        <Select
          label={t('card.stage')}
          data={stages.map((s) => ({ value: String(s.id), label: s.name }))}
          value={statusId}
          onChange={setStatusId}
          disabled={!pipeline}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={loading}
            disabled={!pipelineId || !statusId}
            onClick={() => onConfirm(Number(pipelineId), Number(statusId))}
          >
            {t('card.move')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
