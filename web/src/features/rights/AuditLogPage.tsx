import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { SectionPage } from '../../ui/SectionPage';
import { fetchUsers, usersKey } from '../settings/users/users-api';
import { auditQuery, fetchAudit, type AuditFilter, type AuditItem } from './rights-api';

const entityTypes = ['leads', 'contacts', 'companies', 'tasks'] as const;
const cardPaths: Record<string, string> = { leads: '/deals', contacts: '/contacts', companies: '/companies' };

/** What a refusal says: the server's own sentence and the request that was refused. */
function deniedDetail(after: unknown): string | null {
  const first: unknown = Array.isArray(after) ? after[0] : after;
  if (typeof first !== 'object' || first === null) return null;
  const { detail, method, path } = first as Record<string, unknown>;
  if (typeof detail !== 'string') return null;
  return typeof method === 'string' && typeof path === 'string' ? `${detail} (${method} ${path})` : detail;
}

function RecordCell({ item }: { item: AuditItem }) {
  const { t } = useTranslation();
  const known = (entityTypes as readonly string[]).includes(item.entity_type);
  const label = `${known ? t(`audit.entities.${item.entity_type as (typeof entityTypes)[number]}`) : item.entity_type} #${item.entity_id}`;
  const base = cardPaths[item.entity_type];
  return base && item.entity_id > 0 ? (
    <Anchor component={Link} to={`${base}/${item.entity_id}`} fz="sm">
      {label}
    </Anchor>
  ) : (
    <Text fz="sm">{label}</Text>
  );
}

/** Settings → Audit log: every change and every refused action, filterable and exportable. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({
    userId: null,
    entityType: null,
    type: '',
    from: '',
    to: '',
    deniedOnly: false,
  });
  const users = useQuery({ queryKey: usersKey, queryFn: fetchUsers });
  const audit = useInfiniteQuery({
    queryKey: ['rights', 'audit', filter],
    queryFn: ({ pageParam }) => fetchAudit(filter, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const forbidden = audit.error instanceof ApiError && audit.error.status === 403;
  return (
    <SectionPage title={t('audit.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <Stack gap="md" maw={1100}>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('audit.user')}
            clearable
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={filter.userId}
            onChange={(userId) => setFilter({ ...filter, userId })}
          />
          <Select
            label={t('audit.entity')}
            clearable
            data={entityTypes.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
            value={filter.entityType}
            onChange={(entityType) => setFilter({ ...filter, entityType })}
            w={160}
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value })}
          />
          <TextInput
            label={t('audit.type')}
            placeholder="deal.stage_changed"
            value={filter.type}
            onChange={(e) => setFilter({ ...filter, type: e.currentTarget.value })}
          />
          <Checkbox
            label={t('audit.deniedOnly')}
            checked={filter.deniedOnly}
            onChange={(e) => setFilter({ ...filter, deniedOnly: e.currentTarget.checked })}
          />
          <Anchor href={`/api/app/audit.csv?${auditQuery(filter)}`} download>
            {t('audit.export')}
          </Anchor>
        </Group>
        {forbidden ? <Alert color="yellow">{t('rights.adminOnly')}</Alert> : null}
        {audit.error && !forbidden ? <Alert color="red">{audit.error.message}</Alert> : null}
        <Table striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.when')}</Table.Th>
              <Table.Th>{t('audit.user')}</Table.Th>
              <Table.Th>{t('audit.type')}</Table.Th>
              <Table.Th>{t('audit.entity')}</Table.Th>
              <Table.Th>{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{date.format(new Date(item.created_at * 1000))}</Table.Td>
                <Table.Td>
                  {item.created_by === 0 ? t('audit.robot') : (item.user_name ?? `#${item.created_by}`)}
                </Table.Td>
                <Table.Td>
                  <Text c={item.type === 'access.denied' ? 'red' : undefined} fz="sm">
                    {item.type === 'access.denied' ? t('audit.denied') : item.type}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RecordCell item={item} />
                </Table.Td>
                <Table.Td>
                  <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    {(item.type === 'access.denied' ? deniedDetail(item.after) : null) ??
                      JSON.stringify(item.after)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {audit.isSuccess && items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {t('audit.empty')}
          </Text>
        ) : null}
        {audit.hasNextPage ? (
          <Button
            variant="light"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
          >
            {t('audit.more')}
          </Button>
        ) : null}
      </Stack>
    </SectionPage>
  );
}
