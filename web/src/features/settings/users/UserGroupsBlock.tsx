import { Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { NamedList, type NamedItem } from '../NamedList';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import {
  createUserGroup,
  deleteUserGroup,
  fetchUserGroups,
  renameUserGroup,
  userGroupsKey,
  usersKey,
} from './users-api';

/** Departments (amoCRM's user groups): rights by "group" and reports are per department. */
export function UserGroupsBlock() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: userGroupsKey, queryFn: fetchUserGroups });
  const [deleting, setDeleting] = useState<NamedItem | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: userGroupsKey });
    await queryClient.invalidateQueries({ queryKey: usersKey });
  };
  const onError = (error: unknown) => {
    const readable = readableError(error);
    notifications.show({
      color: 'red',
      title: t('settingsUsers.groups.saveFailed'),
      message: readable instanceof Error ? readable.message : '',
    });
  };
  const add = useMutation({ mutationFn: createUserGroup, onSuccess: refresh, onError });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => renameUserGroup(id, name),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: deleteUserGroup,
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });
  return (
    <SettingsSection
      title={t('settingsUsers.groups.title')}
      description={t('settingsUsers.groups.description')}
    >
      {groups.isError ? (
        <SettingsErrorAlert error={groups.error} title={t('settingsUsers.groups.loadFailed')} />
      ) : (
        <NamedList
          items={(groups.data ?? []).map((g) => ({
            id: g.id,
            name: g.name,
            extra: (
              <Badge variant="light" color="gray">
                {t('settingsUsers.groups.members', { count: g.users_count })}
              </Badge>
            ),
          }))}
          listLabel={t('settingsUsers.groups.title')}
          emptyText={t('settingsUsers.groups.empty')}
          addLabel={t('settings.add')}
          addPlaceholder={t('settingsUsers.groups.placeholder')}
          renameLabel={(name) => t('settings.renameNamed', { name })}
          deleteLabel={(name) => t('settings.deleteNamed', { name })}
          adding={add.isPending}
          onAdd={(name) => add.mutateAsync(name)}
          onRename={(id, name) => rename.mutate({ id, name })}
          onDelete={(item) => {
            remove.reset();
            setDeleting(item);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('settingsUsers.groups.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('settingsUsers.groups.deleteText')}
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('settingsUsers.groups.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </SettingsSection>
  );
}
