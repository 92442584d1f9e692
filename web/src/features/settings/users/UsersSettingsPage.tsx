import { Badge, Button, Center, Loader, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../../ui/icons';
import { SectionPage } from '../../../ui/SectionPage';
import { useCurrentSession } from '../../auth/useSession';
import { AdminOnly } from '../AdminOnly';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserForm } from './UserForm';
import { UserGroupsBlock } from './UserGroupsBlock';
import {
  fetchRoles,
  fetchUserGroups,
  fetchUsers,
  rolesKey,
  updateUser,
  userGroupsKey,
  usersKey,
  type AppUser,
} from './users-api';

/** Settings -> Users and departments. */
export function UsersSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('settingsUsers.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <Stack gap="xl" maw={1100}>
          <UsersBlock />
          <UserGroupsBlock />
        </Stack>
      </AdminOnly>
    </SectionPage>
  );
}

function UsersBlock() {
  const { t } = useTranslation();
  const { user: me } = useCurrentSession();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: usersKey, queryFn: fetchUsers });
  const groups = useQuery({ queryKey: userGroupsKey, queryFn: fetchUserGroups });
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles });
  const [editing, setEditing] = useState<AppUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AppUser | null>(null);
  const toggle = useMutation({
    mutationFn: (u: AppUser) => updateUser(u.id, { is_active: !u.is_active }),
    onSuccess: async (u) => {
      notifications.show({
        color: 'teal',
        message: t(u.is_active ? 'settingsUsers.activated' : 'settingsUsers.deactivated', { name: u.name }),
      });
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (error) => {
      const readable = readableError(error);
      notifications.show({
        color: 'red',
        title: t('settingsUsers.saveFailed'),
        message: readable instanceof Error ? readable.message : '',
      });
    },
  });
  const groupName = (id: number | null) => groups.data?.find((g) => g.id === id)?.name;
  const roleName = (id: number | null) => roles.data?.find((r) => r.id === id)?.name;

  return (
    <SettingsSection
      title={t('settingsUsers.users')}
      description={t('settingsUsers.usersDescription')}
      action={
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
          {t('settingsUsers.add')}
        </Button>
      }
    >
      {users.isPending ? (
        <Center py="lg" role="status" aria-label={t('app.loading')}>
          <Loader size="sm" />
        </Center>
      ) : users.isError ? (
        <SettingsErrorAlert
          error={users.error}
          title={t('settingsUsers.loadFailed')}
          onRetry={() => void users.refetch()}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label={t('settingsUsers.users')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settingsUsers.name')}</Table.Th>
                <Table.Th>{t('settingsUsers.group')}</Table.Th>
                <Table.Th>{t('settingsUsers.access')}</Table.Th>
                <Table.Th>{t('settingsUsers.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} aria-label={u.name} style={u.is_active ? undefined : { opacity: 0.6 }}>
                  <Table.Td>
                    <Text fw={500}>{u.name}</Text>
                    <Text fz="sm" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{groupName(u.group_id) ?? t('settingsUsers.noGroup')}</Table.Td>
                  <Table.Td>
                    {u.is_admin ? (
                      <Badge variant="light">{t('settingsUsers.admin')}</Badge>
                    ) : (
                      (roleName(u.role_id) ?? t('settingsUsers.member'))
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={u.is_active ? 'teal' : 'gray'}>
                      {u.is_active ? t('settingsUsers.active') : t('settingsUsers.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          aria-label={t('settingsUsers.actionsFor', { name: u.name })}
                        >
                          {t('settingsUsers.actions')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(u)}>{t('settingsUsers.edit')}</Menu.Item>
                        <Menu.Item onClick={() => setResetting(u)}>
                          {t('settingsUsers.resetPassword')}
                        </Menu.Item>
                        {u.id !== me.id && (
                          <Menu.Item color={u.is_active ? 'red' : undefined} onClick={() => toggle.mutate(u)}>
                            {u.is_active ? t('settingsUsers.deactivate') : t('settingsUsers.activate')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={
          editing === 'new' || editing === null
            ? t('settingsUsers.createTitle')
            : t('settingsUsers.editTitle', { name: editing.name })
        }
      >
        {editing !== null && (
          <UserForm
            key={editing === 'new' ? 'new' : editing.id}
            user={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </SettingsSection>
  );
}
