import {
  Button,
  Drawer,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { BoardMeta } from '@voronka/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyFilter, type DealsFilterState } from './url-state';

type Props = {
  opened: boolean;
  onClose: () => void;
  meta: BoardMeta | undefined;
  pipelineId: number | null;
  value: DealsFilterState;
  onApply: (next: DealsFilterState) => void;
};

const enumTypes = new Set(['select', 'multiselect', 'radiobutton']);
const textTypes = new Set(['text', 'textarea', 'numeric', 'monetary', 'url', 'multitext', 'streetaddress']);

/** Every filter of the deals: who, tags, periods, task state, stage, source, custom fields. */
export function FilterDrawer({ opened, onClose, meta, pipelineId, value, onApply }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => {
    if (opened) setDraft(value);
  }, [opened, value]);
  const set = <K extends keyof DealsFilterState>(key: K, v: DealsFilterState[K]) =>
    setDraft((d) => ({ ...d, [key]: v }));
  const pipeline = meta?.pipelines.find((p) => (pipelineId === null ? p.is_main : p.id === pipelineId));
  const ids = (xs: string[]) => xs.map(Number);
  const strs = (xs: number[]) => xs.map(String);
  const fields = (meta?.fields ?? []).filter((f) => enumTypes.has(f.type) || textTypes.has(f.type));

  return (
    <Drawer opened={opened} onClose={onClose} title={t('board.filter.title')} position="right" size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onApply(draft);
        }}
      >
        <Stack>
          <MultiSelect
            label={t('board.filter.responsible')}
            data={[
              { value: '0', label: t('board.filter.nobody') },
              ...(meta?.users ?? []).map((u) => ({ value: String(u.id), label: u.name })),
            ]}
            value={strs(draft.responsible)}
            onChange={(v) => set('responsible', ids(v))}
            searchable
            clearable
          />
          <MultiSelect
            label={t('board.filter.tags')}
            data={(meta?.tags ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
            value={strs(draft.tags)}
            onChange={(v) => set('tags', ids(v))}
            searchable
            clearable
          />
          <MultiSelect
            label={t('board.filter.stages')}
            data={(pipeline?.stages ?? []).map((s) => ({
              value: String(s.id),
              label: s.kind === 'incoming' ? t('board.incoming') : s.name,
            }))}
            value={strs(draft.stages)}
            onChange={(v) => set('stages', ids(v))}
            clearable
          />
          <div>
            <Text fz="sm" fw={500} mb={4}>
              {t('board.filter.task')}
            </Text>
            <SegmentedControl
              fullWidth
              size="xs"
              data={[
                { value: '', label: t('board.filter.taskAny') },
                { value: 'overdue', label: t('board.filter.taskOverdue') },
                { value: 'today', label: t('board.filter.taskToday') },
                { value: 'none', label: t('board.filter.taskNone') },
              ]}
              value={draft.task ?? ''}
              onChange={(v) => set('task', v === 'overdue' || v === 'today' || v === 'none' ? v : null)}
            />
          </div>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              type="date"
              label={t('board.filter.createdFrom')}
              value={draft.createdFrom}
              onChange={(e) => set('createdFrom', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('board.filter.createdTo')}
              value={draft.createdTo}
              onChange={(e) => set('createdTo', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('board.filter.closedFrom')}
              value={draft.closedFrom}
              onChange={(e) => set('closedFrom', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('board.filter.closedTo')}
              value={draft.closedTo}
              onChange={(e) => set('closedTo', e.currentTarget.value)}
            />
          </SimpleGrid>
          <Select
            label={t('board.filter.source')}
            data={meta?.sources ?? []}
            value={draft.source || null}
            onChange={(v) => set('source', v ?? '')}
            clearable
            searchable
            placeholder={meta?.sources.length ? undefined : t('board.filter.noSources')}
            disabled={!meta?.sources.length && !draft.source}
          />
          {fields.map((f) =>
            enumTypes.has(f.type) ? (
              <Select
                key={f.id}
                label={f.name}
                data={f.enums.map((e) => ({ value: String(e.id), label: e.value }))}
                value={draft.fields[String(f.id)] ?? null}
                onChange={(v) => {
                  const next = { ...draft.fields };
                  if (v) next[String(f.id)] = v;
                  else delete next[String(f.id)];
                  set('fields', next);
                }}
                clearable
              />
            ) : (
              <TextInput
                key={f.id}
                label={f.name}
                placeholder={t('board.filter.contains')}
                value={draft.fields[String(f.id)] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  const next = { ...draft.fields };
                  if (v) next[String(f.id)] = v;
                  else delete next[String(f.id)];
                  set('fields', next);
                }}
              />
            ),
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setDraft({ ...emptyFilter, q: draft.q })}>
              {t('board.filter.reset')}
            </Button>
            <Button type="submit">{t('board.filter.apply')}</Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
