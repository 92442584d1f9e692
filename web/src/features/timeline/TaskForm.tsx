import { Button, Chip, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { CrmEntityType } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { useCurrentSession } from '../auth/useSession';
import { localDateTimeOf, secondsOfLocal } from '../fields/values';
import { useTaskTypes, useUsers } from '../records/hooks';
import { addTask } from './api';
import { deadlineOf, quickDeadlines } from './deadlines';

type Props = {
  entity?: { type: CrmEntityType; id: number };
  onAdded: () => void | Promise<void>;
};

/** A new task: type, deadline (with quick picks), responsible and what to do. */
export function TaskForm({ entity, onAdded }: Props) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const types = useTaskTypes();
  const users = useUsers();
  const [typeId, setTypeId] = useState<string | null>('1');
  const [deadline, setDeadline] = useState(() => localDateTimeOf(deadlineOf('today').getTime() / 1000));
  const [responsible, setResponsible] = useState<string | null>(String(user.id));
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: addTask,
    onSuccess: async () => {
      setText('');
      await onAdded();
    },
  });

  const submit = () => {
    const seconds = secondsOfLocal(deadline);
    if (!text.trim()) return setInvalid(t('tasks.textRequired'));
    if (seconds === null) return setInvalid(t('tasks.deadlineRequired'));
    setInvalid(null);
    add.mutate({
      text: text.trim(),
      task_type_id: Number(typeId ?? 1),
      complete_till: seconds,
      responsible_user_id: Number(responsible ?? user.id),
      ...(entity ? { entity_type: entity.type, entity_id: entity.id } : {}),
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <Group gap={6}>
          {quickDeadlines.map((pick) => (
            <Chip
              key={pick}
              size="xs"
              variant="light"
              checked={deadline === localDateTimeOf(deadlineOf(pick).getTime() / 1000)}
              onChange={() => setDeadline(localDateTimeOf(deadlineOf(pick).getTime() / 1000))}
            >
              {t(`tasks.quick.${pick}`)}
            </Chip>
          ))}
        </Group>
        <Group gap="xs" grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('tasks.deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.currentTarget.value)}
            size="sm"
          />
          <Select
            label={t('tasks.type')}
            data={(types.data ?? []).map((tt) => ({ value: String(tt.id), label: tt.name }))}
            value={typeId}
            onChange={setTypeId}
            allowDeselect={false}
            size="sm"
          />
          <Select
            label={t('tasks.responsible')}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={responsible}
            onChange={setResponsible}
            allowDeselect={false}
            searchable
            size="sm"
          />
        </Group>
        <Textarea
          label={t('tasks.text')}
          placeholder={t('tasks.textPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={10_000}
          error={invalid}
        />
        <ApiErrorAlert error={add.error} title={t('tasks.addFailed')} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('tasks.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
