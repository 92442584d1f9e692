import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { completeTask } from './api';

type Props = {
  task: { id: number; text: string } | null;
  onClose: () => void;
  onCompleted: () => void | Promise<void>;
};

/** "Done" with the result of the task (what happened on the call), as amoCRM asks for it. */
export function CompleteTaskModal({ task, onClose, onCompleted }: Props) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const complete = useMutation({
    mutationFn: (id: number) => completeTask(id, result),
    onSuccess: async () => {
      setResult('');
      await onCompleted();
      onClose();
    },
  });
  return (
    <Modal opened={task !== null} onClose={onClose} title={t('tasks.completeTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (task) complete.mutate(task.id);
        }}
      >
        <Stack gap="sm">
          <Text fz="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {task?.text}
          </Text>
          <Textarea
            label={t('tasks.result')}
            placeholder={t('tasks.resultPlaceholder')}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={10_000}
            data-autofocus
          />
          <ApiErrorAlert error={complete.error} title={t('tasks.completeFailed')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="teal" loading={complete.isPending}>
              {t('tasks.complete')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
