import { Badge, Button, Center, Group, Loader, Menu, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { IconPlus } from '../../../ui/icons';
import { SecretField } from '../../../ui/SecretField';
import { SectionPage } from '../../../ui/SectionPage';
import { useFormatDateTime } from '../../../ui/useFormatDateTime';
import { AdminOnly } from '../AdminOnly';
import { readableError, SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';
import { DeliveriesModal } from './DeliveriesModal';
import { WebhookModal } from './WebhookModal';
import { deleteWebhook, fetchWebhooks, updateWebhook, webhooksKey, type AppWebhook } from './webhooks-api';

/** Settings -> Webhooks: amoCRM-style subscriptions, their health and their delivery log. */
export function WebhooksSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('settingsWebhooks.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <WebhooksList />
      </AdminOnly>
    </SectionPage>
  );
}

function WebhooksList() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: webhooksKey, queryFn: fetchWebhooks });
  const [editing, setEditing] = useState<AppWebhook | 'new' | null>(null);
  const [logOf, setLogOf] = useState<AppWebhook | null>(null);
  const [deleting, setDeleting] = useState<AppWebhook | null>(null);
  const [secretOf, setSecretOf] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksKey });
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Parameters<typeof updateWebhook>[1] }) =>
      updateWebhook(id, body),
    onSuccess: refresh,
    onError: (error) => {
      const readable = readableError(error);
      notifications.show({
        color: 'red',
        title: t('settingsWebhooks.saveFailed'),
        message: readable instanceof Error ? readable.message : '',
      });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteWebhook(id),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });

  return (
    <Stack gap="lg" maw={960}>
      <SettingsSection
        title={t('settingsWebhooks.subscriptions')}
        description={t('settingsWebhooks.description')}
        action={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('settingsWebhooks.add')}
          </Button>
        }
      >
        {hooks.isPending ? (
          <Center py="lg" role="status" aria-label={t('app.loading')}>
            <Loader size="sm" />
          </Center>
        ) : hooks.isError ? (
          <SettingsErrorAlert
            error={hooks.error}
            title={t('settingsWebhooks.loadFailed')}
            onRetry={() => void hooks.refetch()}
          />
        ) : hooks.data.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('settingsWebhooks.empty')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('settingsWebhooks.subscriptions')}
          >
            {hooks.data.map((hook) => (
              <Paper key={hook.id} component="li" withBorder radius="md" p="sm" aria-label={hook.destination}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {hook.destination}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color={hook.status === 'active' ? 'teal' : 'red'}>
                        {hook.status === 'active'
                          ? t('settingsWebhooks.active')
                          : t('settingsWebhooks.disabled')}
                      </Badge>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            aria-label={t('settingsWebhooks.actionsFor', { url: hook.destination })}
                          >
                            {t('settingsUsers.actions')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setLogOf(hook)}>
                            {t('settingsWebhooks.showLog')}
                          </Menu.Item>
                          <Menu.Item onClick={() => setEditing(hook)}>{t('settingsWebhooks.edit')}</Menu.Item>
                          <Menu.Item onClick={() => setSecretOf(secretOf === hook.id ? null : hook.id)}>
                            {t('settingsWebhooks.showSecret')}
                          </Menu.Item>
                          <Menu.Item
                            onClick={() => patch.mutate({ id: hook.id, body: { rotate_secret: true } })}
                          >
                            {t('settingsWebhooks.rotateSecret')}
                          </Menu.Item>
                          <Menu.Item
                            onClick={() =>
                              patch.mutate({
                                id: hook.id,
                                body: { status: hook.status === 'active' ? 'disabled' : 'active' },
                              })
                            }
                          >
                            {hook.status === 'active'
                              ? t('settingsWebhooks.disable')
                              : t('settingsWebhooks.enable')}
                          </Menu.Item>
                          <Menu.Item
                            color="red"
                            onClick={() => {
                              remove.reset();
                              setDeleting(hook);
                            }}
                          >
                            {t('settings.delete')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {t('settingsWebhooks.summary', {
                      format: t(`settingsWebhooks.formats.${hook.format}`),
                      events: hook.settings.join(', '),
                    })}
                  </Text>
                  {hook.last_delivery && (
                    <Text fz="sm" c={hook.last_delivery.status === 'delivered' ? 'dimmed' : 'red'}>
                      {t(
                        hook.last_delivery.status === 'delivered'
                          ? 'settingsWebhooks.lastDelivered'
                          : 'settingsWebhooks.lastFailed',
                        {
                          date: formatDateTime(hook.last_delivery.created_at),
                          code: hook.last_delivery.response_code ?? '—',
                        },
                      )}
                    </Text>
                  )}
                  {hook.recent_failures > 0 && (
                    <Text fz="sm" c="orange">
                      {t('settingsWebhooks.recentFailures', { count: hook.recent_failures })}
                    </Text>
                  )}
                  {hook.disabled_reason && (
                    <Text fz="sm" c="red">
                      {t('settingsWebhooks.disabledBecause', { reason: hook.disabled_reason })}
                    </Text>
                  )}
                  {secretOf === hook.id && (
                    <SecretField
                      label={t('settingsWebhooks.secret')}
                      description={t('settingsWebhooks.secretHint')}
                      value={hook.secret}
                      copyLabel={t('settingsWebhooks.copySecret')}
                    />
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </SettingsSection>
      {editing !== null && (
        <WebhookModal webhook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {logOf && <DeliveriesModal webhook={logOf} onClose={() => setLogOf(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('settingsWebhooks.deleteTitle')}
        message={t('settingsWebhooks.deleteText', { url: deleting?.destination ?? '' })}
        confirmLabel={t('settings.delete')}
        loading={remove.isPending}
        error={<SettingsErrorAlert error={remove.error} title={t('settingsWebhooks.deleteFailed')} />}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
