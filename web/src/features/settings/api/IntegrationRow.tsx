import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyValueButton } from '../../../ui/CopyValueButton';
import { useFormatDateTime } from '../../../ui/useFormatDateTime';
import type { Integration } from './integrations';

type Props = { integration: Integration; divided: boolean };

export function IntegrationRow({ integration, divided }: Props) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const revoked = integration.revoked_at !== null;

  return (
    <Stack
      component="li"
      gap={6}
      py="sm"
      style={divided ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
    >
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} truncate="end" c={revoked ? 'dimmed' : undefined}>
          {integration.name}
        </Text>
        {revoked && (
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {t('settingsApi.integrations.revoked')}
          </Badge>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        <Text fz="sm" c="dimmed" style={{ flexShrink: 0 }}>
          {t('settingsApi.integrations.clientId')}
        </Text>
        <Code style={{ overflowWrap: 'anywhere' }}>{integration.client_id}</Code>
        <CopyValueButton value={integration.client_id} label={t('settingsApi.integrations.copyClientId')} />
      </Group>
      <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t('settingsApi.integrations.redirectsTo', { uri: integration.redirect_uri })}
      </Text>
      <Text fz="sm" c="dimmed">
        {revoked && integration.revoked_at !== null
          ? t('settingsApi.integrations.revokedAt', { date: formatDateTime(integration.revoked_at) })
          : t('settingsApi.integrations.createdAt', { date: formatDateTime(integration.created_at) })}
      </Text>
    </Stack>
  );
}
