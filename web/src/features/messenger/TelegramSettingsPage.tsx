import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  PasswordInput,
  Radio,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../app/server-field-errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SectionPage } from '../../ui/SectionPage';
import { useFormatDateTime } from '../../ui/useFormatDateTime';
import { AdminOnly } from '../settings/AdminOnly';
import { SettingsErrorAlert } from '../settings/SettingsErrorAlert';
import { SettingsSection } from '../settings/SettingsSection';
import {
  disconnectTelegram,
  fetchTelegram,
  saveTelegram,
  telegramKey,
  type TelegramMode,
  type TelegramStatus,
} from './messenger-api';

/** Settings -> Messengers: the account's Telegram bot (token, webhook or long polling, health). */
export function TelegramSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('messenger.settings.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <TelegramBlock />
      </AdminOnly>
    </SectionPage>
  );
}

function TelegramBlock() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: telegramKey, queryFn: fetchTelegram });
  return (
    <SettingsSection title="Telegram" description={t('messenger.settings.intro')}>
      {status.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : status.isError ? (
        <SettingsErrorAlert
          error={status.error}
          title={t('messenger.settings.loadFailed')}
          onRetry={() => void status.refetch()}
        />
      ) : (
        <TelegramForm key={status.data.connected ? status.data.bot.id : 0} status={status.data} />
      )}
    </SettingsSection>
  );
}

function TelegramForm({ status }: { status: TelegramStatus }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [mode, setMode] = useState<TelegramMode>(
    status.connected ? status.mode : status.public_url_set ? 'webhook' : 'polling',
  );
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: () => saveTelegram({ mode, ...(token.trim() ? { token: token.trim() } : {}) }),
    onSuccess: (next) => {
      setToken('');
      queryClient.setQueryData(telegramKey, next);
      notifications.show({ color: 'teal', message: t('messenger.settings.saved') });
    },
  });
  const remove = useMutation({
    mutationFn: disconnectTelegram,
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: telegramKey });
    },
  });
  const fieldErrors = serverFieldErrors(save.error, ['token', 'mode'] as const);

  return (
    <Stack gap="md">
      {status.connected ? (
        <Table withRowBorders={false} verticalSpacing={4} data-testid="telegram-status">
          <Table.Tbody>
            <Table.Tr>
              <Table.Td c="dimmed" w={200}>
                {t('messenger.settings.bot')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Anchor href={`https://t.me/${status.bot.username}`} target="_blank" rel="noreferrer">
                    @{status.bot.username}
                  </Anchor>
                  <Text c="dimmed">{status.bot.name}</Text>
                  <Badge color={status.error ? 'orange' : 'teal'} variant="light">
                    {status.error ? t('messenger.settings.problem') : t('messenger.settings.connected')}
                  </Badge>
                </Group>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">{t('messenger.settings.token')}</Table.Td>
              <Table.Td ff="monospace">{status.token_hint}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">{t('messenger.settings.mode')}</Table.Td>
              <Table.Td>{t(`messenger.settings.modes.${status.mode}`)}</Table.Td>
            </Table.Tr>
            {status.webhook_url && (
              <Table.Tr>
                <Table.Td c="dimmed">{t('messenger.settings.webhookUrl')}</Table.Td>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {status.webhook_url}
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Td c="dimmed">{t('messenger.settings.lastUpdate')}</Table.Td>
              <Table.Td>
                {status.last_update_at
                  ? formatDateTime(status.last_update_at)
                  : t('messenger.settings.never')}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text fz="sm">{t('messenger.settings.howTo')}</Text>
      )}
      {status.connected && status.error && (
        <Alert color="orange" title={t('messenger.settings.lastError')}>
          {status.error}
          {status.error_at ? ` (${formatDateTime(status.error_at)})` : ''}
        </Alert>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm" maw={560}>
          <PasswordInput
            label={status.connected ? t('messenger.settings.newToken') : t('messenger.settings.token')}
            description={
              status.connected ? t('messenger.settings.keepToken') : t('messenger.settings.tokenHelp')
            }
            placeholder="123456789:AA…"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            error={fieldErrors.token}
            autoComplete="off"
            required={!status.connected}
          />
          <Radio.Group
            label={t('messenger.settings.mode')}
            value={mode}
            onChange={(v) => setMode(v === 'webhook' ? 'webhook' : 'polling')}
            error={fieldErrors.mode}
          >
            <Stack gap="xs" mt={4}>
              <Radio
                value="webhook"
                label={t('messenger.settings.modes.webhook')}
                description={
                  status.public_url_set
                    ? t('messenger.settings.webhookHelp')
                    : t('messenger.settings.webhookNeedsUrl')
                }
                disabled={!status.public_url_set}
              />
              <Radio
                value="polling"
                label={t('messenger.settings.modes.polling')}
                description={t('messenger.settings.pollingHelp')}
              />
            </Stack>
          </Radio.Group>
          {Object.keys(fieldErrors).length === 0 && (
            <SettingsErrorAlert error={save.error} title={t('messenger.settings.saveFailed')} />
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!status.connected && !token.trim()}>
              {status.connected ? t('messenger.settings.save') : t('messenger.settings.connect')}
            </Button>
            {status.connected && (
              <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
                {t('messenger.settings.disconnect')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        title={t('messenger.settings.disconnectTitle')}
        message={t('messenger.settings.disconnectText')}
        confirmLabel={t('messenger.settings.disconnect')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('messenger.settings.saveFailed')} />}
      />
    </Stack>
  );
}
