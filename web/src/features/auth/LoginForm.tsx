import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../app/server-field-errors';
import { useFormState } from '../../ui/useFormState';
import { AuthErrorAlert } from './AuthErrorAlert';
import { logIn } from './session';
import { useAdoptSession } from './useSession';
import { emailError, requiredError } from './validation';

export function LoginForm() {
  const { t } = useTranslation();
  const adoptSession = useAdoptSession();
  const form = useFormState({ email: '', password: '' }, (values) => ({
    email: emailError(t, values.email),
    password: requiredError(t, values.password),
  }));
  const login = useMutation({
    mutationFn: logIn,
    // A 401 here is a wrong password, not an expired session: see query-client.ts.
    meta: { authAttempt: true },
    onSuccess: adoptSession,
    onError: (error) => form.setServerErrors(serverFieldErrors(error, ['email', 'password'])),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        login.mutate({ email: values.email.trim(), password: values.password }),
      )}
    >
      <Stack gap="md">
        <AuthErrorAlert error={login.error} fallbackTitle={t('login.failedTitle')} />
        <TextInput
          label={t('auth.email')}
          placeholder={t('auth.emailPlaceholder')}
          type="email"
          autoComplete="username"
          required
          {...form.inputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
          {...form.inputProps('password')}
        />
        <Button type="submit" size="md" fullWidth loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
