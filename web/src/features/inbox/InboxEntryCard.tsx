import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../ui/useFormatDateTime';
import { EntryActions } from './EntryActions';
import type { InboxEntry, PipelineOption } from './inbox-api';

const statusColor = { new: 'blue', accepted: 'green', linked: 'teal', declined: 'gray' } as const;
const META_KEYS = ['form_name', 'form_page', 'referer', 'ip', 'phone', 'duration', 'link', 'from'] as const;

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/** One incoming lead: where it came from, what arrived (shown as text, never as markup), and the matches. */
export function InboxEntryCard({ entry, pipelines }: { entry: InboxEntry; pipelines: PipelineOption[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const p = entry.payload;
  const meta = META_KEYS.flatMap((key) => {
    const value = text(entry.metadata[key]);
    return value === null ? [] : [{ key, value }];
  });
  const utm = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'].flatMap((key) => {
    const value = text(entry.metadata[key]);
    return value === null ? [] : [`${key}=${value}`];
  });
  const dups = entry.duplicates;
  return (
    <Card withBorder radius="md" padding="md" data-testid="inbox-entry" data-uid={entry.uid}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge variant="light">{t(`inbox.category.${entry.category}`)}</Badge>
            <Text fw={600}>{entry.source?.name ?? t('inbox.unknownSource')}</Text>
            <Text c="dimmed" fz="sm">
              {formatDateTime(entry.created_at)}
            </Text>
          </Group>
          <Badge color={statusColor[entry.status]} variant="outline" data-testid="inbox-entry-status">
            {t(`inbox.status.${entry.status}`)}
          </Badge>
        </Group>

        <Group align="flex-start" gap="xl" wrap="wrap">
          <Stack gap={4} miw={240} style={{ flex: 1 }}>
            <Text fz="xs" c="dimmed" tt="uppercase">
              {t('inbox.arrived')}
            </Text>
            {p.contact && (
              <Text fw={500} data-testid="inbox-contact-name">
                {p.contact.name || t('inbox.noName')}
              </Text>
            )}
            {p.contact?.phones.map((phone) => (
              <Text key={phone}>{phone}</Text>
            ))}
            {p.contact?.emails.map((email) => (
              <Text key={email}>{email}</Text>
            ))}
            {p.company?.name && <Text>{p.company.name}</Text>}
            {p.fields.length > 0 && (
              <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                <Table.Tbody>
                  {p.fields.map((f, i) => (
                    <Table.Tr key={`${f.label}-${i}`}>
                      <Table.Td c="dimmed" w="35%">
                        {f.label}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {f.value}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {p.subject && <Text fw={500}>{p.subject}</Text>}
            {p.message && (
              <Text
                fz="sm"
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                data-testid="inbox-message"
              >
                {p.message}
              </Text>
            )}
          </Stack>

          <Stack gap={4} miw={220} style={{ flex: 1 }}>
            <Text fz="xs" c="dimmed" tt="uppercase">
              {t('inbox.records')}
            </Text>
            {entry.contact && (
              <Group gap={6}>
                <Text>{entry.contact.name || t('inbox.noName')}</Text>
                <Badge size="sm" color={entry.contact.is_new ? 'green' : 'orange'} variant="light">
                  {entry.contact.is_new ? t('inbox.newContact') : t('inbox.existingContact')}
                </Badge>
              </Group>
            )}
            {entry.deal && (
              <Text fz="sm">
                {t('inbox.deal')}: {entry.deal.name}
                {entry.deal.is_deleted ? ` (${t('inbox.deleted')})` : ''}
              </Text>
            )}
            {entry.linked_deal && (
              <Text fz="sm">
                {t('inbox.linkedTo')}: {entry.linked_deal.name} (#{entry.linked_deal.id})
              </Text>
            )}
            {dups.length > 0 && (
              <Stack gap={2} data-testid="inbox-duplicates">
                <Text fz="sm" fw={500} c="orange">
                  {t('inbox.duplicatesFound', { count: dups.length })}
                </Text>
                {dups.map((d) => (
                  <Text fz="sm" key={`${d.entity_type}-${d.id}`}>
                    {d.name || `#${d.id}`} — {d.matched_by.map((m) => t(`inbox.matchedBy.${m}`)).join(', ')}
                  </Text>
                ))}
              </Stack>
            )}
            {meta.map((m) => (
              <Text fz="xs" c="dimmed" key={m.key} style={{ wordBreak: 'break-all' }}>
                {t(`inbox.meta.${m.key}`)}:{' '}
                {m.key === 'link' ? (
                  <Anchor href={m.value} target="_blank" rel="noreferrer noopener" fz="xs">
                    {m.value}
                  </Anchor>
                ) : (
                  m.value
                )}
              </Text>
            ))}
            {utm.length > 0 && (
              <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {utm.join(' · ')}
              </Text>
            )}
          </Stack>
        </Group>
        {entry.status === 'new' && <EntryActions entry={entry} pipelines={pipelines} />}
      </Stack>
    </Card>
  );
}
