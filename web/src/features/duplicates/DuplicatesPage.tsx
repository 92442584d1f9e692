import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { SectionPage } from '../../ui/SectionPage';
import { useCurrentSession } from '../auth/useSession';
import type { PartyType } from '../entities/api';
import { DuplicateSettingsCard } from './DuplicateSettingsCard';
import { fetchGroups, fetchMerges, groupKinds, undoMerge, type GroupBy } from './duplicates-api';
import { MergeModal } from './MergeModal';

/** /contacts/duplicates and /companies/duplicates: groups of probable duplicates, merge, undo. */
export function DuplicatesPage({ type }: { type: PartyType }) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const [by, setBy] = useState<GroupBy>(groupKinds[type][0] ?? 'name');
  const [pair, setPair] = useState<[number, number] | null>(null);
  const groups = useInfiniteQuery({
    queryKey: ['duplicates', type, by],
    queryFn: ({ pageParam }) => fetchGroups(type, by, pageParam),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const merges = useQuery({ queryKey: ['duplicates', 'merges', type], queryFn: () => fetchMerges(type) });
  const undo = useMutation({
    mutationFn: undoMerge,
    onSuccess: async () => {
      notifications.show({ message: t('duplicates.undoDone') });
      await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      await queryClient.invalidateQueries({ queryKey: ['v4', type] });
    },
  });
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <SectionPage
      title={t(type === 'contacts' ? 'duplicates.titleContacts' : 'duplicates.titleCompanies')}
      back={{ to: `/${type}`, label: t(type === 'contacts' ? 'nav.contacts' : 'nav.companies') }}
    >
      <Text c="dimmed">{t('duplicates.intro')}</Text>
      {user.isAdmin && <DuplicateSettingsCard />}
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(groupKinds[type].find((k) => k === v) ?? by)}
        data={groupKinds[type].map((k) => ({ value: k, label: t(`duplicates.by.${k}`) }))}
        w="fit-content"
      />
      <ApiErrorAlert error={groups.error} title={t('duplicates.loadFailed')} />
      {groups.isSuccess && items.length === 0 && <Text>{t('duplicates.empty')}</Text>}
      <Stack gap="xs" data-testid="duplicate-groups">
        {items.map((g) => (
          <Card key={`${g.by}:${g.key}`} withBorder padding="sm" data-testid="duplicate-group">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{g.key}</Text>
                  <Badge variant="light">{t('duplicates.members', { count: g.count })}</Badge>
                </Group>
                <Group gap="sm">
                  {g.members.map((m) => (
                    <Anchor key={m.id} component={Link} to={`/${type}/${m.id}`} size="sm">
                      {m.name || `#${m.id}`}
                    </Anchor>
                  ))}
                </Group>
              </Stack>
              {g.members.length >= 2 && (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setPair([g.members[0]?.id ?? 0, g.members[1]?.id ?? 0])}
                >
                  {t('duplicates.compare')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      {groups.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => void groups.fetchNextPage()}
          loading={groups.isFetchingNextPage}
        >
          {t('duplicates.loadMore')}
        </Button>
      )}
      <Stack gap="xs">
        <Text fw={600}>{t('duplicates.recent')}</Text>
        {merges.data?.items.length === 0 && <Text c="dimmed">{t('duplicates.noMerges')}</Text>}
        <ApiErrorAlert error={undo.error} title={t('duplicates.undoFailed')} />
        {merges.data?.items.map((m) => (
          <Group key={m.id} gap="sm" data-testid="merge-row">
            <Text size="sm">
              {t('duplicates.mergedInto', { merged: m.merged_name, survivor: m.survivor_id })}
            </Text>
            {m.undone_at === null ? (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => undo.mutate(m.id)}
                loading={undo.isPending}
              >
                {t('duplicates.undo')}
              </Button>
            ) : (
              <Badge color="gray" variant="light">
                {t('duplicates.undone')}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
      {pair && (
        <MergeModal
          type={type}
          ids={pair}
          onClose={() => setPair(null)}
          onMerged={() => {
            setPair(null);
            notifications.show({ message: t('duplicates.merge.done') });
            void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
          }}
        />
      )}
    </SectionPage>
  );
}
