import { Badge, Button, Group, SegmentedControl, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAdjustments } from '../../ui/icons';
import { boardMetaQuery } from './board-api';
import { BoardView } from './BoardView';
import { DealListView } from './DealListView';
import { readDealsView } from './deals-location';
import { FilterDrawer } from './FilterDrawer';
import { NotificationsToggle } from './NotificationsToggle';
import { PresetsMenu } from './PresetsMenu';
import {
  activeConditions,
  apiFilterParams,
  readFilter,
  writeFilter,
  type DealsFilterState,
} from './url-state';

/** Deals: the board or the list of one pipeline, under a filter kept in the URL. */
export function DealsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const meta = useQuery(boardMetaQuery);
  const filter = useMemo(() => readFilter(params), [params]);
  const apiParams = useMemo(() => apiFilterParams(filter), [filter]);
  const { view, pipelineId } = readDealsView(params);
  const shownPipeline = pipelineId ?? meta.data?.pipelines.find((p) => p.is_main)?.id ?? null;
  const [filterOpen, setFilterOpen] = useState(false);
  const [search, setSearch] = useState(filter.q);
  const [lastQ, setLastQ] = useState(filter.q);
  if (filter.q !== lastQ) {
    // The URL changed from outside (back button, a preset): the box follows it.
    setLastQ(filter.q);
    setSearch(filter.q);
  }

  const update = (change: (p: URLSearchParams) => URLSearchParams, replace = false) =>
    setParams((prev) => change(new URLSearchParams(prev)), { replace });
  const applyFilter = (next: DealsFilterState) => update((p) => writeFilter(p, next));
  const pushSearch = useDebouncedCallback(
    (q: string) => update((p) => writeFilter(p, { ...readFilter(p), q }), true),
    350,
  );
  const conditions = activeConditions(filter);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Title order={1} fz="h3">
            {t('nav.deals')}
          </Title>
          <Select
            aria-label={t('board.pipeline')}
            data={(meta.data?.pipelines ?? [])
              .filter((p) => !p.is_archive || p.id === shownPipeline)
              .map((p) => ({ value: String(p.id), label: p.name }))}
            value={shownPipeline === null ? null : String(shownPipeline)}
            onChange={(v) =>
              update((p) => {
                if (v) p.set('pipeline', v);
                else p.delete('pipeline');
                p.delete('stages');
                return p;
              })
            }
            allowDeselect={false}
            w={200}
          />
          <SegmentedControl
            aria-label={t('board.view')}
            data={[
              { value: 'board', label: t('board.viewBoard') },
              { value: 'list', label: t('board.viewList') },
            ]}
            value={view}
            onChange={(v) =>
              update((p) => {
                if (v === 'list') p.set('view', 'list');
                else p.delete('view');
                return p;
              })
            }
          />
        </Group>
        <Group gap="sm" wrap="wrap">
          <TextInput
            type="search"
            aria-label={t('board.search')}
            placeholder={t('board.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
            w={220}
          />
          <Button
            variant={conditions ? 'light' : 'default'}
            leftSection={<IconAdjustments size={16} />}
            rightSection={
              conditions ? (
                <Badge size="sm" circle>
                  {conditions}
                </Badge>
              ) : null
            }
            onClick={() => setFilterOpen(true)}
          >
            {t('board.filter.open')}
          </Button>
          <PresetsMenu
            currentQuery={params.toString()}
            onPick={(query) => setParams(new URLSearchParams(query))}
          />
          <NotificationsToggle />
        </Group>
      </Group>
      {view === 'board' ? (
        <BoardView pipelineId={pipelineId} filter={apiParams} meta={meta.data} />
      ) : (
        <DealListView pipelineId={shownPipeline} filter={apiParams} meta={meta.data} />
      )}
      <FilterDrawer
        opened={filterOpen}
        onClose={() => setFilterOpen(false)}
        meta={meta.data}
        pipelineId={pipelineId}
        value={filter}
        onApply={(next) => {
          applyFilter(next);
          setFilterOpen(false);
        }}
      />
    </Stack>
  );
}
