import { Card, Group, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Status, UserRef } from '../records/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import {
  channels,
  inboxSettingsKey,
  saveAutoAccept,
  type AutoAcceptRule,
  type Channel,
} from './inbox-settings-api';

/** The responsible choice meaning "by the pipeline's distribution rule". */
const BY_RULE = 'rule';

type Props = { pipelineId: number; stages: Status[]; rules: AutoAcceptRule[]; users: UserRef[] };

/**
 * Per channel, whether its leads skip the inbox and go straight into a stage. Each change is
 * saved at once; accepting runs the same command as a manager's click, so triggers fire.
 */
export function AutoAcceptCard({ pipelineId, stages, rules, users }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { channel: Channel; stage_id: number | null; user_id: number | null }) =>
      saveAutoAccept(pipelineId, v.channel, { stage_id: v.stage_id, user_id: v.user_id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey }),
  });
  const stageData = stages.map((s) => ({ value: String(s.id), label: s.name }));
  const userData = [
    { value: BY_RULE, label: t('inboxSettings.autoAccept.byDistribution') },
    ...users.map((u) => ({ value: String(u.id), label: u.name })),
  ];
  return (
    <Card withBorder padding="md" data-testid="inbox-auto-accept">
      <Stack gap="sm">
        <Text fw={600}>{t('inboxSettings.autoAccept.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('inboxSettings.autoAccept.description')}
        </Text>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inboxSettings.autoAccept.channel')}</Table.Th>
              <Table.Th>{t('inboxSettings.autoAccept.stage')}</Table.Th>
              <Table.Th>{t('inboxSettings.autoAccept.responsible')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.map((channel) => {
              const rule = rules.find((r) => r.channel === channel);
              const on = rule !== undefined && rule.stage_id !== null;
              const put = (stageId: number | null, userId: number | null) =>
                save.mutate({ channel, stage_id: stageId, user_id: userId });
              return (
                <Table.Tr key={channel} data-channel={channel}>
                  <Table.Td>
                    <Switch
                      label={t(`inboxSettings.channels.${channel}`)}
                      checked={on}
                      disabled={stages.length === 0 || save.isPending}
                      onChange={(e) => put(e.currentTarget.checked ? (stages[0]?.id ?? null) : null, null)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {on ? (
                      <Select
                        aria-label={t('inboxSettings.autoAccept.stageOf', {
                          channel: t(`inboxSettings.channels.${channel}`),
                        })}
                        data={stageData}
                        value={String(rule.stage_id)}
                        allowDeselect={false}
                        onChange={(v) => v && put(Number(v), rule.user_id)}
                      />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('inboxSettings.autoAccept.waits')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {on && (
                      <Select
                        aria-label={t('inboxSettings.autoAccept.responsibleOf', {
                          channel: t(`inboxSettings.channels.${channel}`),
                        })}
                        data={userData}
                        value={rule.user_id === null ? BY_RULE : String(rule.user_id)}
                        allowDeselect={false}
                        onChange={(v) => put(rule.stage_id, v && v !== BY_RULE ? Number(v) : null)}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group>
          <ApiErrorAlert error={save.error} title={t('inboxSettings.saveFailed')} />
        </Group>
      </Stack>
    </Card>
  );
}
