import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../ui/useFormatDateTime';
import type { ApiToken, TokenStatus } from './api-tokens';

const statusColor: Record<TokenStatus, string> = { active: 'teal', expired: 'orange', revoked: 'gray' };

type Props = { token: ApiToken; status: TokenStatus; divided: boolean; onRevoke: () => void };

export function ApiTokenRow({ token, status, divided, onRevoke }: Props) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const facts: string[] = [
    t('settingsApi.tokens.createdAt', { date: formatDateTime(token.created_at) }),
    token.revoked_at !== null
      ? t('settingsApi.tokens.revokedAt', { date: formatDateTime(token.revoked_at) })
      : t(status === 'expired' ? 'settingsApi.tokens.expiredAt' : 'settingsApi.tokens.expiresAt', {
          date: formatDateTime(token.expires_at),
        }),
  ];
  // Only a known date is shown: "never used" would be a claim the server may not be tracking.
  if (token.last_used_at !== null) {
    facts.push(t('settingsApi.tokens.lastUsedAt', { date: formatDateTime(token.last_used_at) }));
  }

  return (
    <Group
      component="li"
      justify="space-between"
      align="center"
      gap="sm"
      py="sm"
      wrap="wrap"
      style={divided ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
    >
      <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} truncate="end" c={status === 'active' ? undefined : 'dimmed'}>
            {token.name}
          </Text>
          <Badge variant="light" color={statusColor[status]} style={{ flexShrink: 0 }}>
            {t(`settingsApi.tokens.status.${status}`)}
          </Badge>
        </Group>
        <Group gap="md" style={{ rowGap: 2 }}>
          {facts.map((fact) => (
            <Text key={fact} fz="sm" c="dimmed">
              {fact}
            </Text>
          ))}
        </Group>
      </Stack>
      {status === 'active' && (
        <Button
          variant="subtle"
          color="red"
          size="compact-sm"
          onClick={onRevoke}
          aria-label={t('settingsApi.tokens.revokeNamed', { name: token.name })}
        >
          {t('settingsApi.tokens.revoke')}
        </Button>
      )}
    </Group>
  );
}
