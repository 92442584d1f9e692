import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { AutomationTriggerOut, TriggerInput } from '@voronka/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SectionPage } from '../../ui/SectionPage';
import {
  deleteTrigger,
  fetchActions,
  fetchDealFields,
  fetchPipelines,
  fetchRuns,
  fetchTriggers,
  fetchUsers,
  saveTrigger,
  toInput,
  type StageInfo,
} from './automation-api';
import { TriggerEditor } from './TriggerEditor';

type Editing = { id: number | undefined; initial: TriggerInput } | null;

// One key per unit, so each is declined with its number («через 1 день», «через 3 дня»).
const afterKeys = {
  minutes: 'automation.summary.afterMinutes',
  hours: 'automation.summary.afterHours',
  days: 'automation.summary.afterDays',
} as const;

function useSummary() {
  const { t } = useTranslation();
  return (tr: AutomationTriggerOut) => {
    const when = t(`automation.when.${tr.when.kind}`);
    const d = tr.delay;
    const delay =
      d.kind === 'after'
        ? t(afterKeys[d.unit ?? 'days'], { count: d.amount ?? 1 })
        : d.kind === 'time_of_day'
          ? t('automation.summary.timeOfDay', { days: d.days ?? 0, time: d.time })
          : t(`automation.delay.${d.kind}`);
    return `${when} · ${delay}`;
  };
}

/** The digital pipeline of one pipeline: its stages as columns with their triggers, and the run log. */
export function PipelineAutomationPage() {
  const { t } = useTranslation();
  const pipelineId = Number(useParams().id);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [logTrigger, setLogTrigger] = useState<number | undefined>();
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: fetchPipelines });
  const triggers = useQuery({
    queryKey: ['automation', pipelineId, 'triggers'],
    queryFn: () => fetchTriggers(pipelineId),
  });
  const actions = useQuery({ queryKey: ['automation', 'actions'], queryFn: fetchActions });
  const fields = useQuery({ queryKey: ['automation', 'fields'], queryFn: fetchDealFields });
  const users = useQuery({ queryKey: ['automation', 'users'], queryFn: fetchUsers });
  const runs = useQuery({
    queryKey: ['automation', pipelineId, 'runs', logTrigger],
    queryFn: () => fetchRuns(pipelineId, logTrigger),
    refetchInterval: 5000,
  });
  const summary = useSummary();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['automation', pipelineId] });
  const toggle = useMutation({
    mutationFn: (tr: AutomationTriggerOut) =>
      saveTrigger(pipelineId, tr.id, { ...toInput(tr), is_active: !tr.is_active }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteTrigger(pipelineId, id),
    onSuccess: invalidate,
  });

  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);
  const stages: StageInfo[] = (pipeline?._embedded.statuses ?? []).filter(
    (s) => s.id !== 142 && s.id !== 143,
  );
  const loading = pipelines.isPending || triggers.isPending || actions.isPending;
  const failed = pipelines.error ?? triggers.error ?? actions.error;
  const columns: Array<{ id: number | null; name: string }> = [
    { id: null, name: t('automation.allStages') },
    ...stages,
  ];
  const newTrigger = (stageId: number | null): TriggerInput => ({
    name: '',
    stage_id: stageId,
    when: { kind: 'moved_into' },
    delay: { kind: 'immediately' },
    conditions: { match: 'all', groups: [] },
    action: { type: 'create_task', params: { text: '', due_in: { amount: 1, unit: 'days' } } },
    is_active: true,
    run_if_left: false,
    apply_to_existing: false,
  });
  const triggerName = (id: number) => triggers.data?.find((x) => x.id === id);

  return (
    <SectionPage
      title={pipeline ? t('automation.pageTitle', { pipeline: pipeline.name }) : t('automation.title')}
      back={{ to: '/settings/automation', label: t('automation.title') }}
    >
      {loading ? (
        <Loader />
      ) : failed ? (
        <Alert color="red">{failed.message}</Alert>
      ) : !pipeline ? (
        <Alert color="red">{t('automation.noPipeline')}</Alert>
      ) : (
        <Stack gap="xl">
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="md">
              {columns.map((col) => {
                const own = (triggers.data ?? []).filter((tr) => tr.stage_id === col.id);
                return (
                  <Stack
                    key={col.id ?? 'all'}
                    w={280}
                    miw={280}
                    gap="sm"
                    data-stage={col.id ?? 'all'}
                    aria-label={col.name}
                    role="region"
                  >
                    <Group justify="space-between" wrap="nowrap">
                      <Text fw={600} truncate>
                        {col.name}
                      </Text>
                      <Badge variant="light">{own.length}</Badge>
                    </Group>
                    {own.map((tr) => (
                      <Card
                        key={tr.id}
                        withBorder
                        radius="md"
                        padding="sm"
                        data-trigger={tr.id}
                        opacity={tr.is_active ? 1 : 0.6}
                      >
                        <Stack gap={4}>
                          <Group justify="space-between" wrap="nowrap">
                            <Text fw={600} fz="sm" truncate>
                              {tr.name || t(`automation.actions.${tr.action.type}` as never)}
                            </Text>
                            <Switch
                              size="xs"
                              aria-label={t('automation.editor.active')}
                              checked={tr.is_active}
                              onChange={() => toggle.mutate(tr)}
                            />
                          </Group>
                          <Text fz="xs" c="dimmed">
                            {t(`automation.actions.${tr.action.type}` as never)} · {summary(tr)}
                          </Text>
                          {tr.conditions.groups.length > 0 && (
                            <Text fz="xs" c="dimmed">
                              {t('automation.summary.conditions', {
                                count: tr.conditions.groups.reduce((n, g) => n + g.rules.length, 0),
                              })}
                            </Text>
                          )}
                          <Group gap={6}>
                            <Badge size="xs" color="green" variant="light">
                              {t('automation.stats.done', { count: tr.stats.done })}
                            </Badge>
                            {tr.stats.scheduled > 0 && (
                              <Badge size="xs" color="blue" variant="light">
                                {t('automation.stats.scheduled', { count: tr.stats.scheduled })}
                              </Badge>
                            )}
                            {tr.stats.failed > 0 && (
                              <Badge size="xs" color="red" variant="light" title={tr.stats.last_error ?? ''}>
                                {t('automation.stats.failed', { count: tr.stats.failed })}
                              </Badge>
                            )}
                          </Group>
                          <Group gap="xs">
                            <Button
                              size="compact-xs"
                              variant="light"
                              onClick={() => setEditing({ id: tr.id, initial: toInput(tr) })}
                            >
                              {t('automation.edit')}
                            </Button>
                            <Button size="compact-xs" variant="subtle" onClick={() => setLogTrigger(tr.id)}>
                              {t('automation.showRuns')}
                            </Button>
                            <ActionIcon
                              size="sm"
                              variant="subtle"
                              color="red"
                              aria-label={t('automation.delete')}
                              onClick={() => {
                                if (window.confirm(t('automation.confirmDelete'))) remove.mutate(tr.id);
                              }}
                            >
                              ×
                            </ActionIcon>
                          </Group>
                        </Stack>
                      </Card>
                    ))}
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => setEditing({ id: undefined, initial: newTrigger(col.id) })}
                    >
                      {t('automation.addTrigger')}
                    </Button>
                  </Stack>
                );
              })}
            </Group>
          </ScrollArea>

          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={4}>
                {logTrigger
                  ? t('automation.runs.titleFor', { name: triggerName(logTrigger)?.name || `#${logTrigger}` })
                  : t('automation.runs.title')}
              </Title>
              {logTrigger && (
                <Button size="xs" variant="subtle" onClick={() => setLogTrigger(undefined)}>
                  {t('automation.runs.all')}
                </Button>
              )}
            </Group>
            {(runs.data?.items.length ?? 0) === 0 ? (
              <Text c="dimmed" fz="sm">
                {t('automation.runs.empty')}
              </Text>
            ) : (
              <Table striped fz="sm" aria-label={t('automation.runs.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('automation.runs.deal')}</Table.Th>
                    <Table.Th>{t('automation.runs.trigger')}</Table.Th>
                    <Table.Th>{t('automation.runs.scheduled')}</Table.Th>
                    <Table.Th>{t('automation.runs.ran')}</Table.Th>
                    <Table.Th>{t('automation.runs.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runs.data?.items.map((r) => (
                    <Table.Tr key={r.id} data-run-status={r.status}>
                      <Table.Td>{r.deal_name ?? `#${r.deal_id}`}</Table.Td>
                      <Table.Td>{triggerName(r.trigger_id)?.name || `#${r.trigger_id}`}</Table.Td>
                      <Table.Td>{new Date(r.scheduled_at * 1000).toLocaleString()}</Table.Td>
                      <Table.Td title={r.ran_by ? t('automation.runs.ranBy', { node: r.ran_by }) : undefined}>
                        {r.ran_at ? new Date(r.ran_at * 1000).toLocaleString() : '—'}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={
                            r.status === 'done'
                              ? 'green'
                              : r.status === 'failed'
                                ? 'red'
                                : r.status === 'scheduled' || r.status === 'retrying'
                                  ? 'blue'
                                  : 'gray'
                          }
                        >
                          {t(`automation.status.${r.status}`)}
                        </Badge>
                        {r.error && (
                          <Text fz="xs" c={r.status === 'failed' ? 'red' : 'dimmed'}>
                            {r.error}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Stack>
      )}
      {editing && actions.data && (
        <TriggerEditor
          pipelineId={pipelineId}
          stages={stages}
          actions={actions.data}
          fields={fields.data ?? []}
          users={users.data ?? []}
          initial={editing.initial}
          triggerId={editing.id}
          onClose={() => setEditing(null)}
        />
      )}
    </SectionPage>
  );
}
