import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { SectionPage } from '../../ui/SectionPage';
import { accessUsersKey, auditQuery, fetchAccessUsers, fetchAudit, type AuditFilter } from './rights-api';

/** Settings → Audit log: every change and every refused action, filterable and exportable. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ userId: null, type: '', deniedOnly: false });
  const users = useQuery({ queryKey: accessUsersKey, queryFn: fetchAccessUsers });
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
                  {item.entity_type} #{item.entity_id}
                </Table.Td>
                <Table.Td>
                  <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {JSON.stringify(item.after)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
