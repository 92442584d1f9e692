import { Badge, Button, Group, Loader, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentSession } from '../auth/useSession';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconInbox } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';
import {
  categories,
  fetchInbox,
  fetchInboxSummary,
  fetchPipelines,
  inboxKey,
  type InboxQuery,
} from './inbox-api';
import { InboxEntryCard } from './InboxEntryCard';

/**
 * Incoming leads (amoCRM's "Неразобранное"): what arrived by itself from forms, calls, chats and
 * mail, with the contact it was matched to and any duplicates; accept, decline or link each one.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [query, setQuery] = useState<InboxQuery>({ status: 'new', category: 'all', page: 1 });
  const entries = useQuery({ queryKey: [...inboxKey, 'list', query], queryFn: () => fetchInbox(query) });
  const summary = useQuery({ queryKey: [...inboxKey, 'summary'], queryFn: fetchInboxSummary });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: fetchPipelines });

  const statusOptions = (['new', 'accepted', 'linked', 'declined', 'all'] as const).map((value) => ({
    value,
    label: t(`inbox.status.${value}`),
  }));
  return (
    <SectionPage title={t('nav.inbox')}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('inbox.statusFilter')}
          value={query.status}
          data={statusOptions}
          onChange={(value) => {
            const status = statusOptions.find((o) => o.value === value)?.value ?? 'new';
            setQuery({ ...query, status, page: 1 });
          }}
        />
        <Group gap="sm">
          <Button component={Link} to="/inbox/forms" variant="default" data-testid="inbox-forms-link">
            {t('inbox.formsLink')}
          </Button>
          {user.isAdmin && (
            <Button component={Link} to="/settings/inbox" variant="default" data-testid="inbox-settings-link">
              {t('inbox.settingsLink')}
            </Button>
          )}
          {summary.data && (
            <Badge variant="light" size="lg" data-testid="inbox-pending">
              {t('inbox.pendingCount', { count: summary.data.pending })}
            </Badge>
          )}
          <Select
            aria-label={t('inbox.categoryFilter')}
            w={180}
            value={query.category}
            allowDeselect={false}
            data={[
              { value: 'all', label: t('inbox.category.all') },
              ...categories.map((c) => ({ value: c, label: t(`inbox.category.${c}`) })),
            ]}
            onChange={(value) => {
              const category = categories.find((c) => c === value) ?? 'all';
              setQuery({ ...query, category, page: 1 });
            }}
          />
        </Group>
      </Group>
      <ApiErrorAlert
        error={entries.error}
        title={t('inbox.loadFailed')}
        onRetry={() => void entries.refetch()}
      />
      {entries.isPending ? (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      ) : entries.data && entries.data.items.length === 0 ? (
        <Stack align="center" py={64} gap="xs">
          <IconInbox size={32} />
          <Text fw={600}>{t('inbox.emptyTitle')}</Text>
          <Text c="dimmed" ta="center" maw={460}>
            {t('inbox.emptyText')}
          </Text>
        </Stack>
      ) : (
        <Stack gap="md" maw={1100}>
          {entries.data?.items.map((entry) => (
            <InboxEntryCard key={entry.uid} entry={entry} pipelines={pipelines.data ?? []} />
          ))}
          <Group justify="center">
            {query.page > 1 && (
              <Button variant="default" onClick={() => setQuery({ ...query, page: query.page - 1 })}>
                {t('inbox.previous')}
              </Button>
            )}
            {entries.data?.has_more && (
              <Button variant="default" onClick={() => setQuery({ ...query, page: query.page + 1 })}>
                {t('inbox.next')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </SectionPage>
  );
}
