import { MIN_USER_PASSWORD } from '@voronka/common';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsErrorAlert } from '../SettingsErrorAlert';
import { resetPassword, type AppUser } from './users-api';

type Props = { user: AppUser; onClose: () => void };

/** Sets a new password for a user, who is signed out everywhere. */
export function ResetPasswordModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id, password),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('settingsUsers.passwordChanged', { name: user.name }) });
      onClose();
    },
  });
  const error = submitted && password.length < MIN_USER_PASSWORD ? t('validation.passwordLength') : undefined;
  return (
    <Modal opened onClose={onClose} title={t('settingsUsers.resetTitle', { name: user.name })}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (password.length >= MIN_USER_PASSWORD) reset.mutate();
        }}
      >
        <Stack gap="md">
          <Text fz="sm">{t('settingsUsers.resetText')}</Text>
          <SettingsErrorAlert error={reset.error} title={t('settingsUsers.resetFailed')} />
          <PasswordInput
            label={t('settingsUsers.newPassword')}
            required
            data-autofocus
            autoComplete="new-password"
            maxLength={200}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reset.isPending}>
              {t('settingsUsers.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
