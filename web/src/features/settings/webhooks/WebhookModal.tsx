import type { WebhookAction, WebhookFormat } from '@voronka/common';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { SettingsErrorAlert } from '../SettingsErrorAlert';
import { ActionsPicker } from './ActionsPicker';
import { createWebhook, updateWebhook, webhooksKey, type AppWebhook } from './webhooks-api';

type Props = { webhook: AppWebhook | null; onClose: () => void };

/** Subscribes a URL to CRM events, or changes which events and format an existing one gets. */
export function WebhookModal({ webhook, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [destination, setDestination] = useState(webhook?.destination ?? '');
  const [format, setFormat] = useState<WebhookFormat>(webhook?.format ?? 'amocrm');
  const [actions, setActions] = useState<WebhookAction[]>(webhook?.settings ?? ['add_lead', 'status_lead']);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      if (webhook) await updateWebhook(webhook.id, { settings: actions, format });
      else await createWebhook({ destination: destination.trim(), settings: actions, format });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhooksKey });
      onClose();
    },
  });
  const server = serverFieldErrors(save.error, ['destination', 'settings'] as const);
  const destinationError =
    server.destination ??
    (submitted && !/^https?:\/\/\S+$/.test(destination.trim())
      ? t('settingsWebhooks.urlInvalid')
      : undefined);
  const actionsError =
    server.settings ?? (submitted && actions.length === 0 ? t('settingsWebhooks.needEvent') : undefined);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={webhook ? t('settingsWebhooks.editTitle') : t('settingsWebhooks.createTitle')}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (actions.length === 0 || (!webhook && !/^https?:\/\/\S+$/.test(destination.trim()))) return;
          save.mutate();
        }}
      >
        <Stack gap="md">
          <SettingsErrorAlert error={save.error} title={t('settingsWebhooks.saveFailed')} />
          <TextInput
            label={t('settingsWebhooks.destination')}
            description={t('settingsWebhooks.destinationHint')}
            placeholder="https://example.com/amocrm/hook"
            required
            data-autofocus
            type="url"
            maxLength={2000}
            disabled={webhook !== null}
            value={destination}
            onChange={(e) => setDestination(e.currentTarget.value)}
            error={webhook ? undefined : destinationError}
          />
          <Select
            label={t('settingsWebhooks.format')}
            data={[
              { value: 'amocrm', label: t('settingsWebhooks.formats.amocrm') },
              { value: 'json', label: t('settingsWebhooks.formats.json') },
            ]}
            value={format}
            allowDeselect={false}
            onChange={(v) => setFormat(v === 'json' ? 'json' : 'amocrm')}
          />
          <ActionsPicker value={actions} onChange={setActions} error={actionsError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {webhook ? t('settings.save') : t('settingsWebhooks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
