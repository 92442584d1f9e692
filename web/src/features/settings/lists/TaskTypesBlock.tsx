import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { NamedList, type NamedItem } from '../NamedList';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import { ColorChoice } from './ColorChoice';
import { createTaskType, deleteTaskType, fetchTaskTypes, taskTypesKey, updateTaskType } from './lists-api';

const TYPE_COLORS = ['#ff8f92', '#ffce5a', '#87f2c0', '#98cbff', '#eb93ff', '#ccc8f9', '#d5d8db'] as const;

/** Task types: amoCRM's call and meeting built in, the account's own added here. */
export function TaskTypesBlock() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useQuery({ queryKey: taskTypesKey, queryFn: fetchTaskTypes });
  const [deleting, setDeleting] = useState<NamedItem | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: taskTypesKey });
  const onError = (error: unknown) => {
    const readable = readableError(error);
    notifications.show({
      color: 'red',
      title: t('settingsLists.taskTypes.saveFailed'),
      message: readable instanceof Error ? readable.message : '',
    });
  };
  const add = useMutation({
    mutationFn: (name: string) => createTaskType({ name }),
    onSuccess: refresh,
    onError,
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: { name?: string; color?: string | null } }) =>
      updateTaskType(id, patch),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: deleteTaskType,
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });
  return (
    <SettingsSection
      title={t('settingsLists.taskTypes.title')}
      description={t('settingsLists.taskTypes.description')}
    >
      {types.isError ? (
        <SettingsErrorAlert error={types.error} title={t('settingsLists.taskTypes.loadFailed')} />
      ) : (
        <NamedList
          items={(types.data ?? []).map((type) => ({
            id: type.id,
            name: type.name,
            locked: type.is_built_in,
            leading: type.is_built_in ? undefined : (
              <ColorChoice
                color={type.color}
                colors={TYPE_COLORS}
                label={t('settingsLists.colorOf', { name: type.name })}
                onChange={(color) => update.mutate({ id: type.id, patch: { color } })}
              />
            ),
          }))}
          listLabel={t('settingsLists.taskTypes.title')}
          emptyText=""
          addLabel={t('settings.add')}
          addPlaceholder={t('settingsLists.taskTypes.placeholder')}
          renameLabel={(name) => t('settings.renameNamed', { name })}
          deleteLabel={(name) => t('settings.deleteNamed', { name })}
          adding={add.isPending}
          onAdd={(name) => add.mutateAsync(name)}
          onRename={(id, name) => update.mutate({ id, patch: { name } })}
          onDelete={(item) => {
            remove.reset();
            setDeleting(item);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('settingsLists.taskTypes.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('settingsLists.taskTypes.deleteText')}
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('settingsLists.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </SettingsSection>
  );
}
