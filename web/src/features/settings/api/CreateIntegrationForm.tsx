import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../app/api';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert';
import { useFormState } from '../../../ui/useFormState';
import { requiredError } from '../../auth/validation';
import { createIntegration, integrationsKey, type CreatedIntegration } from './integrations';

const fields = ['name', 'redirect_uri'] as const;
const REDIRECT_URI_MAX_LENGTH = 2000;

type Props = {
  onCreated: (integration: CreatedIntegration & { name: string }) => void;
  onCancel: () => void;
};

/**
 * Name and redirect URI of a new OAuth client. Only emptiness is checked here: whether the address is
 * a usable http(s) URL is the server's call, and its answer is shown next to the field.
 */
export function CreateIntegrationForm({ onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState({ name: '', redirect_uri: '' }, (values) => ({
    name: requiredError(t, values.name),
    redirect_uri: requiredError(t, values.redirect_uri, REDIRECT_URI_MAX_LENGTH),
  }));
  const fieldMessage = (field: (typeof fields)[number], error: FieldError) => {
    if (error.code === 'too_big') return t('validation.tooLong');
    if (error.code === 'too_small') return t('validation.required');
    return field === 'redirect_uri' ? t('settingsApi.integrations.redirectUriInvalid') : undefined;
  };
  const create = useMutation({
    mutationFn: createIntegration,
    onSuccess: async (created, input) => {
      onCreated({ ...created, name: input.name });
      await queryClient.invalidateQueries({ queryKey: integrationsKey });
    },
    onError: (error) => form.setServerErrors(serverFieldErrors(error, fields, fieldMessage)),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        create.mutate({ name: values.name.trim(), redirect_uri: values.redirect_uri.trim() }),
      )}
    >
      <Stack gap="md">
        <ApiErrorAlert
          error={create.error}
          title={t('settingsApi.integrations.createFailed')}
          hideFieldErrors
        />
        <TextInput
          label={t('settingsApi.integrations.name')}
          description={t('settingsApi.integrations.nameHint')}
          placeholder={t('settingsApi.integrations.namePlaceholder')}
          required
          data-autofocus
          {...form.inputProps('name')}
        />
        <TextInput
          label={t('settingsApi.integrations.redirectUri')}
          description={t('settingsApi.integrations.redirectUriHint')}
          placeholder="https://example.com/oauth/callback"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          {...form.inputProps('redirect_uri')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('settingsApi.integrations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
