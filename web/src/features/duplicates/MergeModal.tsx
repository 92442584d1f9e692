import { Alert, Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { fetchParty, partyKey, type Party, type PartyType } from '../entities/api';
import { useFields } from '../fields/useFields';
import { mergeRecords, type Side } from './duplicates-api';

type Props = { type: PartyType; ids: [number, number]; onClose: () => void; onMerged: () => void };

const LIST_TYPES = new Set(['multitext', 'multiselect', 'chained_list']);

const shown = (p: Party | undefined, fieldId: number) =>
  (p?.custom_fields_values ?? [])
    .find((f) => f.field_id === fieldId)
    ?.values.map((v) => String(v.value))
    .join(', ') ?? '';

/** Side-by-side merge of two records: choose the one to keep and, per field, whose value wins. */
export function MergeModal({ type, ids, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useFields(type);
  const [keep, setKeep] = useState<0 | 1>(0);
  const [picks, setPicks] = useState<Record<string, 0 | 1>>({});
  const a = useQuery({ queryKey: partyKey(type, ids[0]), queryFn: () => fetchParty(type, ids[0]) });
  const b = useQuery({ queryKey: partyKey(type, ids[1]), queryFn: () => fetchParty(type, ids[1]) });
  const records = [a.data, b.data] as const;
  const fieldIds = [
    ...new Set(
      [...(a.data?.custom_fields_values ?? []), ...(b.data?.custom_fields_values ?? [])].map(
        (f) => f.field_id,
      ),
    ),
  ];
  const typeOf = (id: number) =>
    [...(a.data?.custom_fields_values ?? []), ...(b.data?.custom_fields_values ?? [])].find(
      (f) => f.field_id === id,
    )?.field_type ?? 'text';
  const nameOf = (id: number) => fields.data?.find((f) => f.id === id)?.name ?? `#${id}`;
  // Default: the kept record's value, or the other's when it has none.
  const winner = (key: string, value: (i: 0 | 1) => string): 0 | 1 =>
    picks[key] ?? (value(keep) === '' ? (keep === 0 ? 1 : 0) : keep);
  const side = (i: 0 | 1): Side => (i === keep ? 'survivor' : 'merged');

  const merge = useMutation({
    mutationFn: () => {
      const survivor = ids[keep];
      const merged = ids[keep === 0 ? 1 : 0];
      const fieldPicks: Record<string, Side> = {};
      for (const id of fieldIds)
        if (!LIST_TYPES.has(typeOf(id)))
          fieldPicks[String(id)] = side(winner(`f${id}`, (i) => shown(records[i], id)));
      return mergeRecords(type, survivor, merged, {
        name: side(winner('name', (i) => records[i]?.name ?? '')),
        fields: fieldPicks,
      });
    },
    onSuccess: async () => {
      onMerged();
      // Marked stale only: refetching now would ask for the merged record, which is gone (404).
      await queryClient.invalidateQueries({ queryKey: ['v4', type], refetchType: 'none' });
    },
  });

  const row = (key: string, label: string, value: (i: 0 | 1) => string, list: boolean) => (
    <Table.Tr key={key}>
      <Table.Td>{label}</Table.Td>
      {([0, 1] as const).map((i) => (
        <Table.Td key={i}>
          {list ? (
            <Text size="sm">{value(i) || t('duplicates.merge.empty')}</Text>
          ) : (
            <Radio
              name={key}
              aria-label={`${label}: ${value(i) || t('duplicates.merge.empty')}`}
              label={value(i) || t('duplicates.merge.empty')}
              checked={winner(key, value) === i}
              onChange={() => setPicks((p) => ({ ...p, [key]: i }))}
            />
          )}
        </Table.Td>
      ))}
    </Table.Tr>
  );

  return (
    <Modal opened onClose={onClose} title={t('duplicates.merge.title')} size="xl" centered>
      <Stack gap="sm">
        <ApiErrorAlert error={a.error ?? b.error} title={t('duplicates.loadFailed')} />
        <Table withTableBorder data-testid="merge-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('duplicates.merge.field')}</Table.Th>
              {([0, 1] as const).map((i) => (
                <Table.Th key={i}>
                  <Radio
                    name="keep"
                    label={`${t('duplicates.merge.keep')} #${ids[i]}`}
                    checked={keep === i}
                    onChange={() => setKeep(i)}
                  />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row('name', t('duplicates.merge.name'), (i) => records[i]?.name ?? '', false)}
            {fieldIds.map((id) =>
              row(`f${id}`, nameOf(id), (i) => shown(records[i], id), LIST_TYPES.has(typeOf(id))),
            )}
          </Table.Tbody>
        </Table>
        <Alert variant="light">{t('duplicates.merge.united')}</Alert>
        <ApiErrorAlert error={merge.error} title={t('duplicates.merge.failed')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => merge.mutate()} loading={merge.isPending} disabled={!a.data || !b.data}>
            {t('duplicates.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
