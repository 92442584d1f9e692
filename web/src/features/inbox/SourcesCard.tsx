import { Card, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Status } from '../records/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { inboxSettingsKey, saveSourceStage, type InboxSource } from './inbox-settings-api';

/** The value meaning "no own stage: follow the channel's rule". */
const BY_CHANNEL = 'channel';

type Props = { sources: InboxSource[]; stages: Status[] };

/** Each known source of the pipeline, with its own auto-accept stage overriding the channel's rule. */
export function SourcesCard({ sources, stages }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { id: number; stageId: number | null }) => saveSourceStage(v.id, v.stageId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey }),
  });
  const data = [
    { value: BY_CHANNEL, label: t('inboxSettings.sources.byChannel') },
    ...stages.map((s) => ({ value: String(s.id), label: s.name })),
  ];
  return (
    <Card withBorder padding="md" data-testid="inbox-sources">
      <Stack gap="sm">
        <Text fw={600}>{t('inboxSettings.sources.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('inboxSettings.sources.description')}
        </Text>
        {sources.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('inboxSettings.sources.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {sources.map((s) => {
                // A stage of another pipeline (set over the API) is shown as it is, by id.
                const own = s.auto_accept_stage_id;
                const options =
                  own !== null && !stages.some((st) => st.id === own)
                    ? [...data, { value: String(own), label: `#${own}` }]
                    : data;
                return (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm">{s.name}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`inbox.category.${s.category}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td w={320}>
                      <Select
                        aria-label={t('inboxSettings.sources.stageOf', { name: s.name })}
                        data={options}
                        value={own === null ? BY_CHANNEL : String(own)}
                        allowDeselect={false}
                        disabled={save.isPending}
                        onChange={(v) =>
                          save.mutate({ id: s.id, stageId: v && v !== BY_CHANNEL ? Number(v) : null })
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <ApiErrorAlert error={save.error} title={t('inboxSettings.saveFailed')} />
      </Stack>
    </Card>
  );
}
