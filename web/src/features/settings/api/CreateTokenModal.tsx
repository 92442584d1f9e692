import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../../ui/icons';
import { SecretField } from '../../../ui/SecretField';
import { useFormatDateTime } from '../../../ui/useFormatDateTime';
import type { CreatedToken } from './api-tokens';
import { CreateTokenForm } from './CreateTokenForm';

type Props = { opened: boolean; onClose: () => void };

/** Creates a token, then shows it the one time the server ever returns it. */
export function CreateTokenModal({ opened, onClose }: Props) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [created, setCreated] = useState<(CreatedToken & { name: string }) | null>(null);
  // Forget the token once the dialog closes: it must not come back when the dialog is reopened.
  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('settingsApi.tokens.createdTitle') : t('settingsApi.tokens.createTitle')}
      closeOnClickOutside={!created}
      size="lg"
    >
      {created ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlert />} title={t('settingsApi.shownOnceTitle')}>
            {t('settingsApi.tokens.shownOnceText')}
          </Alert>
          <SecretField
            label={t('settingsApi.tokens.token')}
            value={created.token}
            copyLabel={t('settingsApi.tokens.copyToken')}
          />
          <Text fz="sm" c="dimmed">
            {t('settingsApi.tokens.createdSummary', {
              name: created.name,
              date: formatDateTime(created.expires_at),
            })}
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <CreateTokenForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
