import { MIN_USER_PASSWORD, type Language } from '@voronka/common';
import { Button, Checkbox, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { SettingsErrorAlert } from '../SettingsErrorAlert';
import {
  createUser,
  fetchRoles,
  fetchUserGroups,
  rolesKey,
  updateUser,
  userGroupsKey,
  usersKey,
  type AppUser,
} from './users-api';

const NONE = 'none';
const fields = ['name', 'email', 'password', 'group_id', 'role_id', 'is_admin'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = { user: AppUser | null; onDone: () => void; onCancel: () => void };

/** Adds a user (with a first password) or edits one: name, e-mail, language, admin, role, department. */
export function UserForm({ user, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: userGroupsKey, queryFn: fetchUserGroups });
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles });
  const [values, setValues] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    lang: user?.lang ?? 'ru',
    isAdmin: user?.is_admin ?? false,
    group: user?.group_id != null ? String(user.group_id) : NONE,
    role: user?.role_id != null ? String(user.role_id) : NONE,
  });
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const common = {
        name: values.name.trim(),
        email: values.email.trim(),
        lang: values.lang,
        is_admin: values.isAdmin,
        group_id: values.group === NONE ? null : Number(values.group),
        role_id: values.role === NONE ? null : Number(values.role),
      };
      if (user) await updateUser(user.id, common);
      else await createUser({ ...common, password: values.password });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersKey });
      await queryClient.invalidateQueries({ queryKey: userGroupsKey });
      onDone();
    },
  });
  const server = serverFieldErrors(save.error, fields);
  const clientErrors = {
    name: values.name.trim() ? undefined : t('validation.required'),
    email: EMAIL.test(values.email.trim()) ? undefined : t('validation.email'),
    password:
      user || values.password.length >= MIN_USER_PASSWORD ? undefined : t('validation.passwordLength'),
  };
  const errorOf = (key: keyof typeof clientErrors) =>
    server[key] ?? (submitted ? clientErrors[key] : undefined);
  const roleList = roles.data ?? [];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.values(clientErrors).some(Boolean)) return;
        save.mutate();
      }}
    >
      <Stack gap="md">
        <SettingsErrorAlert error={save.error} title={t('settingsUsers.saveFailed')} />
        <TextInput
          label={t('settingsUsers.name')}
          required
          data-autofocus
          maxLength={200}
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errorOf('name')}
        />
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          value={values.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errorOf('email')}
        />
        {!user && (
          <PasswordInput
            label={t('settingsUsers.password')}
            description={t('settingsUsers.passwordHint', { min: MIN_USER_PASSWORD })}
            required
            autoComplete="new-password"
            maxLength={200}
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errorOf('password')}
          />
        )}
        <Group grow align="flex-start">
          <Select
            label={t('settingsUsers.language')}
            data={(['ru', 'en'] as const).map((value) => ({ value, label: t(`languages.${value}`) }))}
            value={values.lang}
            allowDeselect={false}
            onChange={(v) => set('lang', v === 'en' ? 'en' : ('ru' satisfies Language))}
          />
          <Select
            label={t('settingsUsers.group')}
            data={[
              { value: NONE, label: t('settingsUsers.noGroup') },
              ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
            ]}
            value={values.group}
            allowDeselect={false}
            onChange={(v) => set('group', v ?? NONE)}
            error={server.group_id}
          />
        </Group>
        <Checkbox
          label={t('settingsUsers.isAdmin')}
          description={t('settingsUsers.isAdminHint')}
          checked={values.isAdmin}
          onChange={(e) => set('isAdmin', e.currentTarget.checked)}
        />
        {roleList.length > 0 && (
          <Select
            label={t('settingsUsers.role')}
            description={t('settingsUsers.roleHint')}
            data={[
              { value: NONE, label: t('settingsUsers.noRole') },
              ...roleList.map((r) => ({ value: String(r.id), label: r.name })),
            ]}
            value={values.role}
            allowDeselect={false}
            disabled={values.isAdmin}
            onChange={(v) => set('role', v ?? NONE)}
            error={server.role_id}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? t('settings.save') : t('settingsUsers.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
