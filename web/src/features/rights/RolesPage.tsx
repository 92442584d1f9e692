import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../ui/SectionPage';
import { useCurrentSession } from '../auth/useSession';
import {
  fetchUserGroups,
  fetchUsers,
  updateUser,
  userGroupsKey,
  usersKey,
} from '../settings/users/users-api';
import {
  createRole,
  fetchRoles,
  levelOfLetter,
  rightActions,
  rightEntities,
  rightLevels,
  rolesKey,
  saveRole,
  type Role,
} from './rights-api';

/** The rights matrix of one role: entity × action, each all / group / own / denied. */
function RoleMatrix({ role }: { role: Role }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (rights: Record<string, Record<string, string>>) => saveRole(role.id, rights),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKey }),
  });
  return (
    <Card withBorder radius="lg" data-testid={`role-${role.id}`}>
      <Title order={4} mb="sm">
        {role.name}
      </Title>
      {save.error ? <Alert color="red">{save.error.message}</Alert> : null}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {rightActions.map((a) => (
              <Table.Th key={a}>{t(`rights.actions.${a}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rightEntities.map((entity) => (
            <Table.Tr key={entity}>
              <Table.Td>{t(`rights.entities.${entity}`)}</Table.Td>
              {rightActions.map((action) => (
                <Table.Td key={action}>
                  <Select
                    aria-label={`${t(`rights.entities.${entity}`)}: ${t(`rights.actions.${action}`)}`}
                    size="xs"
                    allowDeselect={false}
                    data={rightLevels.map((l) => ({ value: l, label: t(`rights.levels.${l}`) }))}
                    value={levelOfLetter[role.rights[entity][action]]}
                    onChange={(level) => {
                      if (level) save.mutate({ [entity]: { ...role.rights[entity], [action]: level } });
                    }}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Settings → Roles: roles with their rights matrix, and which role and group each user has. */
export function RolesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles });
  const { user } = useCurrentSession();
  // The same list and change as Settings -> Users (one API: /api/app/users), so both stay in step.
  const users = useQuery({ queryKey: usersKey, queryFn: fetchUsers });
  const groups = useQuery({ queryKey: userGroupsKey, queryFn: fetchUserGroups });
  const [name, setName] = useState('');
  const add = useMutation({
    mutationFn: () => createRole(name.trim()),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: rolesKey });
    },
  });
  const assign = useMutation({
    mutationFn: (v: { id: number; patch: { role_id?: number | null; group_id?: number | null } }) =>
      updateUser(v.id, v.patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
  const forbidden = !user.isAdmin;
  return (
    <SectionPage title={t('rights.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <Stack gap="lg" maw={1100}>
        {forbidden ? <Alert color="yellow">{t('rights.adminOnly')}</Alert> : null}
        {assign.error ? <Alert color="red">{assign.error.message}</Alert> : null}
        <Group align="flex-end">
          <TextInput
            label={t('rights.newRole')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button onClick={() => add.mutate()} disabled={!name.trim()} loading={add.isPending}>
            {t('rights.create')}
          </Button>
        </Group>
        {(roles.data ?? []).map((role) => (
          <RoleMatrix key={role.id} role={role} />
        ))}
        <Title order={3}>{t('rights.users')}</Title>
        <Table>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Text fw={500}>{u.name}</Text>
                  <Text fz="xs" c="dimmed">
                    {u.is_admin ? t('rights.admin') : u.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${u.name}: ${t('rights.role')}`}
                    placeholder={t('rights.noRole')}
                    clearable
                    data={(roles.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
                    value={u.role_id === null ? null : String(u.role_id)}
                    onChange={(v) => assign.mutate({ id: u.id, patch: { role_id: v ? Number(v) : null } })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${u.name}: ${t('rights.group')}`}
                    placeholder={t('rights.noGroup')}
                    clearable
                    data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
                    value={u.group_id === null ? null : String(u.group_id)}
                    onChange={(v) => assign.mutate({ id: u.id, patch: { group_id: v ? Number(v) : null } })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </SectionPage>
  );
}
