import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../app/api';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert';
import { useFormState } from '../../../ui/useFormState';
import { requiredError } from '../../auth/validation';
import {
  apiTokensKey,
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_DAYS,
  type CreatedToken,
} from './api-tokens';

const fields = ['name', 'days'] as const;

type Props = { onCreated: (token: CreatedToken & { name: string }) => void; onCancel: () => void };

/** Name and lifetime of a new long-lived token. */
export function CreateTokenForm({ onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const daysRange = t('settingsApi.tokens.daysRange', { max: MAX_TOKEN_DAYS });
  const form = useFormState({ name: '', days: String(DEFAULT_TOKEN_DAYS) }, (values) => {
    const days = Number(values.days);
    return {
      name: requiredError(t, values.name),
      days: Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS ? undefined : daysRange,
    };
  });
  const fieldMessage = (field: (typeof fields)[number], error: FieldError) => {
    if (field === 'days') return daysRange;
    if (error.code === 'too_big') return t('validation.tooLong');
    return error.code === 'too_small' ? t('validation.required') : undefined;
  };
  const create = useMutation({
    mutationFn: createApiToken,
    onSuccess: async (created, input) => {
      onCreated({ ...created, name: input.name });
      await queryClient.invalidateQueries({ queryKey: apiTokensKey });
    },
    onError: (error) => form.setServerErrors(serverFieldErrors(error, fields, fieldMessage)),
  });
  const days = form.inputProps('days');

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        create.mutate({ name: values.name.trim(), days: Number(values.days) }),
      )}
    >
      <Stack gap="md">
        <ApiErrorAlert error={create.error} title={t('settingsApi.tokens.createFailed')} hideFieldErrors />
        <TextInput
          label={t('settingsApi.tokens.name')}
          description={t('settingsApi.tokens.nameHint')}
          placeholder={t('settingsApi.tokens.namePlaceholder')}
          required
          data-autofocus
          {...form.inputProps('name')}
        />
        <NumberInput
          label={t('settingsApi.tokens.days')}
          description={daysRange}
          required
          min={1}
          max={MAX_TOKEN_DAYS}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={form.values.days}
          onChange={(value) => form.setValue('days', String(value))}
          onBlur={days.onBlur}
          error={days.error}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('settingsApi.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
