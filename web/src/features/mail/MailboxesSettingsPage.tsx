import { Badge, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { IconPlus } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';
import { useFormatDateTime } from '../../ui/useFormatDateTime';
import { readableError, SettingsErrorAlert } from '../settings/SettingsErrorAlert';
import { SettingsSection } from '../settings/SettingsSection';
import {
  disconnectMailbox,
  fetchMailboxes,
  mailboxesKey,
  syncMailboxNow,
  updateMailbox,
  type MailboxOut,
} from './api';
import { MailboxModal } from './MailboxModal';

const statusColor = { ok: 'teal', connecting: 'blue', error: 'red', paused: 'gray' } as const;

/** Settings → Mail: the connected mailboxes, their sync status, connect / change / pause. */
export function MailboxesSettingsPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const mailboxes = useQuery({ queryKey: mailboxesKey, queryFn: fetchMailboxes, refetchInterval: 15_000 });
  const [editing, setEditing] = useState<MailboxOut | 'new' | null>(null);
  const [removing, setRemoving] = useState<MailboxOut | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: mailboxesKey });
  const failed = (error: unknown) => {
    const readable = readableError(error);
    notifications.show({
      color: 'red',
      title: t('mail.settings.saveFailed'),
      message: readable instanceof Error ? readable.message : '',
    });
  };
  const toggle = useMutation({
    mutationFn: (m: MailboxOut) => updateMailbox(m.id, { is_active: !m.is_active }),
    onSuccess: refresh,
    onError: failed,
  });
  const sync = useMutation({
    mutationFn: (m: MailboxOut) => syncMailboxNow(m.id),
    onSuccess: () => notifications.show({ color: 'teal', message: t('mail.settings.syncStarted') }),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (id: number) => disconnectMailbox(id),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  return (
    <SectionPage title={t('mail.settings.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <Stack gap="lg" maw={960}>
        <SettingsSection
          title={t('mail.settings.mailboxes')}
          description={t('mail.settings.description')}
          action={
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              {t('mail.settings.add')}
            </Button>
          }
        >
          {mailboxes.isPending ? (
            <Center py="lg" role="status" aria-label={t('app.loading')}>
              <Loader size="sm" />
            </Center>
          ) : mailboxes.isError ? (
            <SettingsErrorAlert
              error={mailboxes.error}
              title={t('mail.settings.loadFailed')}
              onRetry={() => void mailboxes.refetch()}
            />
          ) : mailboxes.data.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {t('mail.settings.empty')}
            </Text>
          ) : (
            <Stack
              component="ul"
              gap="sm"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t('mail.settings.mailboxes')}
            >
              {mailboxes.data.map((m) => (
                <Paper key={m.id} component="li" withBorder radius="md" p="sm" aria-label={m.email}>
                  <Stack gap={6}>
                    <Group justify="space-between" wrap="wrap" gap="sm">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                          {m.name && m.name !== m.email ? `${m.name} <${m.email}>` : m.email}
                        </Text>
                        <Text fz="xs" c="dimmed">
                          {m.personal ? t('mail.settings.personalShort') : t('mail.settings.shared')} ·{' '}
                          {m.imap.host}:{m.imap.port} / {m.smtp.host}:{m.smtp.port}
                        </Text>
                      </Stack>
                      <Badge variant="light" color={statusColor[m.status]} data-testid="mailbox-status">
                        {t(`mail.settings.statuses.${m.status}`)}
                      </Badge>
                    </Group>
                    {m.status === 'error' && m.status_error && (
                      <Text fz="sm" c="red" role="alert">
                        {t('mail.settings.errorLine', { error: m.status_error, count: m.failures })}
                      </Text>
                    )}
                    <Text fz="xs" c="dimmed">
                      {m.synced_at ? t('mail.settings.syncedAt', { date: formatDateTime(m.synced_at) }) : ''}
                      {m.is_active && m.next_sync_at
                        ? ` · ${t('mail.settings.nextSync', { date: formatDateTime(m.next_sync_at) })}`
                        : ''}
                    </Text>
                    {m.can_edit && (
                      <Group gap="xs" justify="flex-end">
                        {m.is_active && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            loading={sync.isPending}
                            onClick={() => sync.mutate(m)}
                          >
                            {t('mail.settings.syncNow')}
                          </Button>
                        )}
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(m)}>
                          {t('mail.settings.edit')}
                        </Button>
                        <Button size="compact-sm" variant="subtle" onClick={() => toggle.mutate(m)}>
                          {m.is_active ? t('mail.settings.pause') : t('mail.settings.resume')}
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(m)}>
                          {t('mail.settings.disconnect')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Paper>
              ))}
            </Stack>
          )}
        </SettingsSection>
      </Stack>
      {editing && (
        <MailboxModal mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('mail.settings.disconnectTitle')}
        message={t('mail.settings.disconnectText', { email: removing?.email ?? '' })}
        confirmLabel={t('mail.settings.disconnect')}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
      />
    </SectionPage>
  );
}
