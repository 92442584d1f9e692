import { Button, Input, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { applyLanguage, currentLanguage } from '../../app/i18n';
import { setupStatusKey } from '../../app/query-client';
import { serverFieldErrors } from '../../app/server-field-errors';
import { LanguagePicker } from '../../ui/LanguagePicker';
import { useFormState } from '../../ui/useFormState';
import { AuthErrorAlert } from './AuthErrorAlert';
import { createFirstAccount } from './session';
import { useAdoptSession } from './useSession';
import { emailError, newPasswordError, requiredError } from './validation';

const fields = ['accountName', 'name', 'email', 'password'] as const;

export function SetupForm() {
  const { t } = useTranslation();
  const adoptSession = useAdoptSession();
  const queryClient = useQueryClient();
  const form = useFormState({ accountName: '', name: '', email: '', password: '' }, (values) => ({
    accountName: requiredError(t, values.accountName),
    name: requiredError(t, values.name),
    email: emailError(t, values.email),
    password: newPasswordError(t, values.password),
  }));
  const setup = useMutation({
    mutationFn: createFirstAccount,
    meta: { authAttempt: true },
    onSuccess: adoptSession,
    onError: async (error) => {
      form.setServerErrors(serverFieldErrors(error, fields));
      // 409: someone finished setup meanwhile; re-checking sends this page on to the login form.
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: setupStatusKey });
      }
    },
  });

  const submit = form.onSubmit((values) => {
    setup.mutate({
      accountName: values.accountName.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      locale: currentLanguage(),
    });
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <AuthErrorAlert error={setup.error} fallbackTitle={t('setup.failedTitle')} />
        <TextInput
          label={t('setup.accountName')}
          placeholder={t('setup.accountNamePlaceholder')}
          autoComplete="organization"
          required
          {...form.inputProps('accountName')}
        />
        <TextInput
          label={t('setup.name')}
          placeholder={t('setup.namePlaceholder')}
          autoComplete="name"
          required
          {...form.inputProps('name')}
        />
        <TextInput
          label={t('auth.email')}
          placeholder={t('auth.emailPlaceholder')}
          type="email"
          autoComplete="email"
          required
          {...form.inputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('auth.passwordHint')}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
          {...form.inputProps('password')}
        />
        <Input.Wrapper label={t('setup.language')}>
          <LanguagePicker
            fullWidth
            ariaLabel={t('setup.language')}
            value={currentLanguage()}
            onChange={(language) => void applyLanguage(language)}
          />
        </Input.Wrapper>
        <Button type="submit" size="md" fullWidth loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
