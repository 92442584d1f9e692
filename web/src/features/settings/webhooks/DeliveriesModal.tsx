import type { WebhookDeliveryStatus } from '@voronka/common';
import {
  Badge,
  Button,
  Center,
  Code,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../ui/useFormatDateTime';
import { SettingsErrorAlert } from '../SettingsErrorAlert';
import { deliveriesKey, fetchDeliveries, type AppWebhook } from './webhooks-api';

type Filter = 'all' | WebhookDeliveryStatus;

/** The delivery log of one subscription, newest first, with its failures and their reasons. */
export function DeliveriesModal({ webhook, onClose }: { webhook: AppWebhook; onClose: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [filter, setFilter] = useState<Filter>('all');
  const status = filter === 'all' ? null : filter;
  const log = useInfiniteQuery({
    queryKey: deliveriesKey(webhook.id, status),
    queryFn: ({ pageParam }) => fetchDeliveries(webhook.id, status, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('settingsWebhooks.logTitle', { url: webhook.destination })}
    >
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => setFilter(v === 'delivered' || v === 'failed' ? v : 'all')}
          data={[
            { value: 'all', label: t('settingsWebhooks.filterAll') },
            { value: 'delivered', label: t('settingsWebhooks.delivered') },
            { value: 'failed', label: t('settingsWebhooks.failed') },
          ]}
        />
        {log.isPending ? (
          <Center py="lg" role="status" aria-label={t('app.loading')}>
            <Loader size="sm" />
          </Center>
        ) : log.isError ? (
          <SettingsErrorAlert
            error={log.error}
            title={t('settingsWebhooks.logFailed')}
            onRetry={() => void log.refetch()}
          />
        ) : rows.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('settingsWebhooks.logEmpty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('settingsWebhooks.log')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settingsWebhooks.when')}</Table.Th>
                  <Table.Th>{t('settingsWebhooks.events')}</Table.Th>
                  <Table.Th>{t('settingsWebhooks.result')}</Table.Th>
                  <Table.Th>{t('settingsWebhooks.attempt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Text fz="sm">{formatDateTime(d.created_at)}</Text>
                      {d.duration_ms !== null && (
                        <Text fz="xs" c="dimmed">
                          {t('settingsWebhooks.duration', { ms: d.duration_ms })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Code>{d.actions.join(', ')}</Code>
                      {d.entity_id !== null && (
                        <Text fz="xs" c="dimmed">
                          {d.entity_type} #{d.entity_id}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={d.status === 'delivered' ? 'teal' : 'red'}>
                        {d.status === 'delivered'
                          ? t('settingsWebhooks.delivered')
                          : t('settingsWebhooks.failed')}
                        {d.response_code !== null ? ` · ${d.response_code}` : ''}
                      </Badge>
                      {d.error && (
                        <Text fz="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                          {d.error}
                        </Text>
                      )}
                      {d.next_retry_at !== null && (
                        <Text fz="xs" c="dimmed">
                          {t('settingsWebhooks.retryAt', { date: formatDateTime(d.next_retry_at) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{d.attempt}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {log.hasNextPage && (
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('settingsWebhooks.older')}
          </Button>
        )}
      </Stack>
    </Modal>
  );
}
