import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert as ApiErrorAlert } from '../SettingsErrorAlert';
import { createPipeline, pipelinesKey } from './pipelines-api';

type Props = { opened: boolean; onClose: () => void; onCreated: (id: number) => void };

/** A new pipeline: its name and its first stages, one per line (won and lost are added by the server). */
export function CreatePipelineModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [stages, setStages] = useState(t('settingsPipelines.defaultStages'));
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: createPipeline,
    onSuccess: async (pipeline) => {
      await queryClient.invalidateQueries({ queryKey: pipelinesKey });
      setName('');
      setTouched(false);
      onCreated(pipeline.id);
    },
  });
  const stageNames = stages
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const nameError = touched && !name.trim() ? t('validation.required') : undefined;
  const stagesError = touched && stageNames.length === 0 ? t('settingsPipelines.needOneStage') : undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={t('settingsPipelines.createTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (name.trim() && stageNames.length > 0) create.mutate({ name: name.trim(), stages: stageNames });
        }}
      >
        <Stack gap="md">
          <ApiErrorAlert error={create.error} title={t('settingsPipelines.createFailed')} />
          <TextInput
            label={t('settingsPipelines.pipelineName')}
            placeholder={t('settingsPipelines.pipelineNamePlaceholder')}
            required
            data-autofocus
            maxLength={255}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
          />
          <Textarea
            label={t('settingsPipelines.firstStages')}
            description={t('settingsPipelines.firstStagesHint')}
            autosize
            minRows={3}
            maxRows={10}
            value={stages}
            onChange={(e) => setStages(e.currentTarget.value)}
            error={stagesError}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('settingsPipelines.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
