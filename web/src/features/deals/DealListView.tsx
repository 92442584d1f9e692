import {
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Menu,
  Pagination,
  ScrollArea,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardMeta, DealSortKey } from '@voronka/common';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { useLiveChanges } from '../../ui/useLiveChanges';
import { fetchDealList } from './board-api';
import { BulkBar } from './BulkBar';
import { useBoardFormat } from './useBoardFormat';
import { useListColumns, type ListColumn } from './useListColumns';

type Props = { pipelineId: number | null; filter: URLSearchParams; meta: BoardMeta | undefined };

const PAGE = 50;
const sortable: Partial<Record<ListColumn, DealSortKey>> = {
  name: 'name',
  stage: 'stage',
  price: 'price',
  created: 'created_at',
  task: 'closest_task_at',
};

/** The same deals as a table: sortable, with a column chooser and bulk actions on a selection. */
export function DealListView({ pipelineId, filter, meta }: Props) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  const queryClient = useQueryClient();
  const [sort, setSort] = useState<{ key: DealSortKey; dir: 'asc' | 'desc' }>({
    key: 'created_at',
    dir: 'desc',
  });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const filterQuery = filter.toString();
  const queryKey = ['board', 'list', pipelineId, filterQuery, sort.key, sort.dir, page] as const;
  const list = useQuery({
    queryKey,
    queryFn: () => fetchDealList(pipelineId, filter, sort, { offset: (page - 1) * PAGE, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    setPage(1);
    setSelected(new Set());
  }, [filterQuery, pipelineId]);
  useLiveChanges((c) => {
    if (c.entity_type === 'leads' && c.type !== 'deal.robot_ran')
      void queryClient.invalidateQueries({ queryKey: ['board', 'list'] });
  });
  const { visible, toggle, all } = useListColumns();
  const stageOf = useMemo(() => {
    const map = new Map<number, { name: string; color: string }>();
    for (const p of meta?.pipelines ?? [])
      for (const s of p.stages)
        map.set(s.id, { name: s.kind === 'incoming' ? t('board.incoming') : s.name, color: s.color });
    return map;
  }, [meta, t]);
  const users = useMemo(() => new Map(meta?.users.map((u) => [u.id, u.name])), [meta]);
  const now = Math.floor(Date.now() / 1000);

  if (list.isPending)
    return (
      <Center py="xl" role="status" aria-label={t('app.loading')}>
        <Loader />
      </Center>
    );
  if (list.isError)
    return (
      <ApiErrorAlert error={list.error} title={t('board.loadFailed')} onRetry={() => void list.refetch()} />
    );

  const deals = list.data.deals;
  const pageIds = deals.map((d) => d.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const header = (col: ListColumn) => {
    const key = sortable[col];
    const label = t(`board.list.columns.${col}`);
    if (!key) return label;
    const active = sort.key === key;
    return (
      <UnstyledButton
        fw={600}
        fz="sm"
        onClick={() => setSort({ key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}
        aria-label={t('board.list.sortBy', { name: label })}
      >
        {label} {active ? (sort.dir === 'asc' ? '↑' : '↓') : ''}
      </UnstyledButton>
    );
  };
  const cell = (col: ListColumn, d: (typeof deals)[number]) => {
    switch (col) {
      case 'name':
        return (
          <Anchor component={Link} to={`/deals/${d.id}`} fz="sm" fw={600}>
            {d.name}
          </Anchor>
        );
      case 'stage': {
        const s = stageOf.get(d.stage_id);
        return (
          <Badge variant="dot" color={s?.color ?? 'gray'} styles={{ root: { textTransform: 'none' } }}>
            {s?.name ?? '—'}
          </Badge>
        );
      }
      case 'price':
        return format.money(d.price);
      case 'responsible':
        return d.responsible_user_id === null ? '—' : (users.get(d.responsible_user_id) ?? '—');
      case 'contact':
        return d.main_contact?.name ?? '—';
      case 'company':
        return d.company?.name ?? '—';
      case 'tags':
        return d.tags.map((x) => x.name).join(', ') || '—';
      case 'created':
        return format.dateTime(d.created_at);
      case 'task':
        return d.closest_task_at === null ? (
          <Text fz="sm" c="orange.7">
            {t('board.card.noTasks')}
          </Text>
        ) : (
          <Text fz="sm" c={d.closest_task_at < now ? 'red.7' : undefined}>
            {format.dateTime(d.closest_task_at)}
          </Text>
        );
    }
  };

  return (
    <>
      <Group justify="space-between">
        <Text fz="sm" c="dimmed" data-testid="list-total">
          {t('board.list.total', { count: list.data.total, sum: format.money(list.data.sum) })}
        </Text>
        <Menu closeOnItemClick={false} position="bottom-end">
          <Menu.Target>
            <Button variant="default" size="xs">
              {t('board.list.chooseColumns')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {all.map((col) => (
              <Menu.Item key={col} onClick={() => toggle(col)} disabled={col === 'name'}>
                {/* Shown only: a click on its label would also click the input, toggling twice. */}
                <Checkbox
                  readOnly
                  tabIndex={-1}
                  style={{ pointerEvents: 'none' }}
                  checked={visible.includes(col)}
                  label={t(`board.list.columns.${col}`)}
                  size="xs"
                />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          meta={meta}
          pipelineId={pipelineId}
          filter={filter}
          onDone={() => {
            setSelected(new Set());
            void queryClient.invalidateQueries({ queryKey: ['board'] });
          }}
        />
      )}
      <ScrollArea>
        <Table striped highlightOnHover verticalSpacing="xs" miw={700} aria-label={t('board.viewList')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <Checkbox
                  aria-label={t('board.list.selectPage')}
                  checked={allOnPage}
                  indeterminate={!allOnPage && pageIds.some((id) => selected.has(id))}
                  onChange={() =>
                    setSelected((prev) => {
                      const next = new Set(prev);
                      for (const id of pageIds) {
                        if (allOnPage) next.delete(id);
                        else next.add(id);
                      }
                      return next;
                    })
                  }
                />
              </Table.Th>
              {visible.map((col) => (
                <Table.Th key={col}>{header(col)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deals.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={visible.length + 1}>
                  <Text ta="center" c="dimmed" py="lg">
                    {t('board.list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {deals.map((d) => (
              <Table.Tr key={d.id} data-deal-id={d.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('board.list.select', { name: d.name })}
                    checked={selected.has(d.id)}
                    onChange={() =>
                      setSelected((prev) => {
                        const next = new Set(prev);
                        if (next.has(d.id)) next.delete(d.id);
                        else next.add(d.id);
                        return next;
                      })
                    }
                  />
                </Table.Td>
                {visible.map((col) => (
                  <Table.Td key={col} fz="sm">
                    {cell(col, d)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {list.data.total > PAGE && (
        <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} size="sm" />
      )}
    </>
  );
}
