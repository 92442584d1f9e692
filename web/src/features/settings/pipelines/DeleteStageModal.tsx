import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { stageRole, type Status } from './pipelines-api';

type Props = {
  stage: Status | null;
  stages: Status[];
  loading: boolean;
  error: unknown;
  onConfirm: (moveTo: number) => void;
  onClose: () => void;
};

/** Deleting a stage: its deals move to the stage chosen here (another open stage, won or lost). */
export function DeleteStageModal({ stage, stages, loading, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const targets = stages.filter((s) => s.id !== stage?.id && stageRole(s) !== 'incoming');
  const [target, setTarget] = useState<string | null>(null);
  const chosen = target ?? (targets[0] ? String(targets[0].id) : null);
  return (
    <Modal
      opened={stage !== null}
      onClose={onClose}
      title={t('settingsPipelines.deleteStageTitle', { name: stage?.name ?? '' })}
      centered
    >
      <Stack gap="md">
        <Text fz="sm">{t('settingsPipelines.deleteStageText')}</Text>
        <Select
          label={t('settingsPipelines.moveDealsTo')}
          data={targets.map((s) => ({ value: String(s.id), label: s.name }))}
          value={chosen}
          onChange={setTarget}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <ApiErrorAlert error={error} title={t('settingsPipelines.deleteStageFailed')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={loading}
            disabled={chosen === null}
            onClick={() => chosen !== null && onConfirm(Number(chosen))}
          >
            {t('settingsPipelines.deleteStage')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
