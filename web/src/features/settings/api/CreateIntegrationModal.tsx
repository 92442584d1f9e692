import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../../ui/icons';
import { SecretField } from '../../../ui/SecretField';
import { CreateIntegrationForm } from './CreateIntegrationForm';
import { consentUrl, type CreatedIntegration } from './integrations';

type Props = { opened: boolean; onClose: () => void };

/** Registers an integration, then shows its client secret the one time the server returns it. */
export function CreateIntegrationModal({ opened, onClose }: Props) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<(CreatedIntegration & { name: string }) | null>(null);
  // Forget the secret once the dialog closes: it must not come back when the dialog is reopened.
  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        created
          ? t('settingsApi.integrations.createdTitle', { name: created.name })
          : t('settingsApi.integrations.createTitle')
      }
      closeOnClickOutside={!created}
      size="lg"
    >
      {created ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlert />} title={t('settingsApi.shownOnceTitle')}>
            {t('settingsApi.integrations.shownOnceText')}
          </Alert>
          <SecretField
            label={t('settingsApi.integrations.clientId')}
            value={created.client_id}
            copyLabel={t('settingsApi.integrations.copyClientId')}
          />
          <SecretField
            label={t('settingsApi.integrations.clientSecret')}
            value={created.client_secret}
            copyLabel={t('settingsApi.integrations.copyClientSecret')}
          />
          <SecretField
            label={t('settingsApi.integrations.consentLink')}
            description={t('settingsApi.integrations.consentLinkHint')}
            value={consentUrl(window.location.origin, created.client_id)}
            copyLabel={t('settingsApi.integrations.copyConsentLink')}
          />
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <CreateIntegrationForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
