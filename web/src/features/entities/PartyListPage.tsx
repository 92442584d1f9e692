import {
  Anchor,
  Button,
  Center,
  Checkbox,
  EmptyState,
  Group,
  Loader,
  Paper,
  Popover,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { IconPlus, IconUser } from '../../ui/icons';
import { IconSearch } from '../../ui/record-icons';
import { SectionPage } from '../../ui/SectionPage';
import { useRecordFormat } from '../../ui/useRecordFormat';
import { useFields } from '../fields/useFields';
import { useUserNames, useUsers } from '../records/hooks';
import { deleteParty, fetchParties, patchParties, type PartyType } from './api';
import { NewPartyModal } from './NewPartyModal';
import { valuesByCode } from './party-fields';

const PAGE = 50;
const periods = ['today', 'week', 'month'] as const;
type Period = (typeof periods)[number];
function periodStart(period: Period | undefined): number | undefined {
  if (!period) return undefined;
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  if (period === 'week') d.setDate(d.getDate() - 6);
  if (period === 'month') d.setDate(d.getDate() - 29);
  return Math.floor(d.getTime() / 1000);
}
const sorts = ['created_desc', 'created_asc', 'updated_desc'] as const;
type Sort = (typeof sorts)[number];
const orderOf = (sort: Sort) =>
  sort === 'created_asc'
    ? { order: 'created_at' as const, direction: 'asc' as const }
    : sort === 'updated_desc'
      ? { order: 'updated_at' as const, direction: 'desc' as const }
      : { order: 'created_at' as const, direction: 'desc' as const };

/** Contacts or companies as a list: search (phones in any format), filter, sort, bulk delete and tags. */
export function PartyListPage({ type }: { type: PartyType }) {
  const { t } = useTranslation();
  const ns = type === 'contacts' ? 'contacts' : 'companies';
  const queryClient = useQueryClient();
  const format = useRecordFormat();
  const users = useUsers();
  const userName = useUserNames();
  const fields = useFields(type);
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const responsible = params.get('responsible');
  const sortParam = params.get('sort');
  const sort: Sort = sorts.find((s) => s === sortParam) ?? 'created_desc';
  const periodParam = params.get('created');
  const period = periods.find((p) => p === periodParam);
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [search, setSearch] = useState(text);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [bulkTags, setBulkTags] = useState<string[]>([]);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if (debounced !== text) setParam('q', debounced || null);
    // Only a new search text moves the URL; `text` follows it.
  }, [debounced]);

  const list = useQuery({
    queryKey: ['v4', type, 'list', { text, responsible, period, sort, page }],
    queryFn: () =>
      fetchParties(type, {
        query: text || undefined,
        responsible: responsible ? Number(responsible) : undefined,
        createdFrom: periodStart(period),
        page,
        limit: PAGE,
        ...orderOf(sort),
      }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const shown = items;
  const codes = new Map((fields.data ?? []).flatMap((f) => (f.code ? [[f.code, f.id] as const] : [])));
  const refresh = async () => {
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: ['v4', type] });
  };

  const remove = useMutation({
    mutationFn: async (ids: number[]) => {
      for (const id of ids) await deleteParty(type, id);
      return ids.length;
    },
    onSuccess: async (count) => {
      setConfirmDelete(false);
      notifications.show({ color: 'teal', message: t(`${ns}.deletedMany`, { count }) });
      await refresh();
    },
  });
  const tag = useMutation({
    mutationFn: (names: string[]) =>
      patchParties(
        type,
        [...selected].map((id) => ({ id, tags_to_add: names.map((name) => ({ name })) })),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t(`${ns}.tagged`, { count: selected.size }) });
      setBulkTags([]);
      await refresh();
    },
  });

  const allChecked = shown.length > 0 && shown.every((p) => selected.has(p.id));
  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <SectionPage title={t(`nav.${ns}`)}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
          <TextInput
            aria-label={t(`${ns}.search`)}
            placeholder={t(`${ns}.searchPlaceholder`)}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '1 1 240px', maxWidth: 420 }}
          />
          <Select
            aria-label={t(`${ns}.responsibleFilter`)}
            placeholder={t(`${ns}.anyResponsible`)}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={responsible}
            onChange={(v) => setParam('responsible', v)}
            clearable
            w={200}
          />
          <Select
            aria-label={t(`${ns}.createdFilter`)}
            placeholder={t(`${ns}.anyTime`)}
            data={periods.map((p) => ({ value: p, label: t(`${ns}.periods.${p}`) }))}
            value={period ?? null}
            onChange={(v) => setParam('created', v)}
            clearable
            w={180}
          />
          <Select
            aria-label={t(`${ns}.sort`)}
            data={sorts.map((s) => ({ value: s, label: t(`${ns}.sorts.${s}`) }))}
            value={sort}
            onChange={(v) => setParam('sort', v)}
            allowDeselect={false}
            w={200}
          />
        </Group>
        <Group gap="xs">
          <Button variant="default" component={Link} to={`/${type}/duplicates`}>
            {t('duplicates.nav')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t(`${ns}.new`)}
          </Button>
        </Group>
      </Group>

      {selected.size > 0 && (
        <Paper withBorder p="xs" radius="md" role="toolbar" aria-label={t(`${ns}.bulkActions`)}>
          <Group gap="sm" wrap="wrap">
            <Text fz="sm" fw={500}>
              {t(`${ns}.selected`, { count: selected.size })}
            </Text>
            <Popover withinPortal position="bottom-start" trapFocus>
              <Popover.Target>
                <Button size="xs" variant="light">
                  {t(`${ns}.addTags`)}
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="xs" w={260}>
                  <TagsInput label={t(`${ns}.tagsToAdd`)} value={bulkTags} onChange={setBulkTags} />
                  <ApiErrorAlert error={tag.error} title={t(`${ns}.tagFailed`)} />
                  <Button
                    size="xs"
                    disabled={bulkTags.length === 0}
                    loading={tag.isPending}
                    onClick={() => tag.mutate(bulkTags)}
                  >
                    {t(`${ns}.applyTags`)}
                  </Button>
                </Stack>
              </Popover.Dropdown>
            </Popover>
            <Button size="xs" color="red" variant="light" onClick={() => setConfirmDelete(true)}>
              {t(`${ns}.deleteSelected`)}
            </Button>
            <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
              {t(`${ns}.clearSelection`)}
            </Button>
          </Group>
        </Paper>
      )}

      {list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} title={t(`${ns}.listFailed`)} onRetry={() => void list.refetch()} />
      ) : shown.length === 0 ? (
        <Center py="xl">
          <EmptyState
            icon={<IconUser size={28} />}
            title={text || responsible || period ? t(`${ns}.nothingMatches`) : t(`sections.${ns}.emptyTitle`)}
            description={
              text || responsible || period ? t(`${ns}.nothingMatchesText`) : t(`sections.${ns}.emptyText`)
            }
          />
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table
            highlightOnHover
            verticalSpacing="xs"
            aria-label={t(`nav.${ns}`)}
            aria-busy={list.isFetching}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t(`${ns}.selectAll`)}
                    checked={allChecked}
                    indeterminate={!allChecked && shown.some((p) => selected.has(p.id))}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(shown.map((p) => p.id)))}
                  />
                </Table.Th>
                <Table.Th>{t(`${ns}.name`)}</Table.Th>
                <Table.Th>{t(`${ns}.phone`)}</Table.Th>
                <Table.Th>{t(`${ns}.email`)}</Table.Th>
                <Table.Th>{t(`${ns}.deals`)}</Table.Th>
                <Table.Th>{t('card.responsible')}</Table.Th>
                <Table.Th>{t(`${ns}.createdAt`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t(`${ns}.select`, { name: p.name })}
                      checked={selected.has(p.id)}
                      onChange={() => toggle(p.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/${type}/${p.id}`} fz="sm" fw={500}>
                      {p.name || t(`${ns}.unnamed`)}
                    </Anchor>
                    {(p._embedded?.tags ?? []).length > 0 && (
                      <Text fz="xs" c="dimmed">
                        {(p._embedded?.tags ?? []).map((tg) => tg.name).join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">{valuesByCode(p, codes, 'PHONE').join(', ')}</Table.Td>
                  <Table.Td fz="sm">{valuesByCode(p, codes, 'EMAIL').join(', ')}</Table.Td>
                  <Table.Td fz="sm">{p._embedded?.leads?.length ?? 0}</Table.Td>
                  <Table.Td fz="sm">{userName(p.responsible_user_id) ?? '—'}</Table.Td>
                  <Table.Td fz="sm">{format.date(p.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(page > 1 || list.data?.hasMore) && (
        <Group justify="center" gap="sm">
          <Button
            variant="default"
            size="xs"
            disabled={page <= 1}
            onClick={() => setParam('page', String(page - 1))}
          >
            {t(`${ns}.prevPage`)}
          </Button>
          <Text fz="sm">{t(`${ns}.page`, { page })}</Text>
          <Button
            variant="default"
            size="xs"
            disabled={!list.data?.hasMore}
            onClick={() => setParam('page', String(page + 1))}
          >
            {t(`${ns}.nextPage`)}
          </Button>
        </Group>
      )}
      <NewPartyModal type={type} opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={confirmDelete}
        title={t(`${ns}.deleteManyTitle`, { count: selected.size })}
        message={t(`${ns}.deleteManyText`)}
        confirmLabel={t('card.delete')}
        loading={remove.isPending}
        error={<ApiErrorAlert error={remove.error} title={t(`${ns}.deleteFailed`)} />}
        onConfirm={() => remove.mutate([...selected])}
        onClose={() => setConfirmDelete(false)}
      />
    </SectionPage>
  );
}
