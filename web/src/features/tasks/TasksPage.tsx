import {
  Button,
  Center,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppTask } from '@voronka/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { IconPlus } from '../../ui/icons';
import { SectionPage } from '../../ui/SectionPage';
import { useTaskTypes, useUserNames, useUsers } from '../records/hooks';
import { CompleteTaskModal } from '../timeline/CompleteTaskModal';
import { TaskForm } from '../timeline/TaskForm';
import { fetchTasks, tasksKey, type TaskQuery } from './api';
import { bucketOf, seconds, type Bucket } from './dates';
import { calendarWindow, TaskCalendar, type CalendarMode } from './TaskCalendar';
import { TaskRow } from './TaskRow';
import { useTaskSubjects } from './useTaskSubjects';

const buckets: Bucket[] = ['overdue', 'today', 'tomorrow', 'week', 'later'];
const bucketColor: Record<Bucket, string> = {
  overdue: 'red',
  today: 'orange',
  tomorrow: 'blue',
  week: 'blue',
  later: 'gray',
};

/** /tasks: open tasks by when they are due (overdue, today, tomorrow, this week, later) or as a calendar. */
export function TasksPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const users = useUsers();
  const types = useTaskTypes();
  const userName = useUserNames();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const modeParam = params.get('mode');
  const mode: CalendarMode = modeParam === 'day' || modeParam === 'week' ? modeParam : 'month';
  const responsible = params.get('responsible');
  const type = params.get('type');
  const [anchor, setAnchor] = useState(() => new Date());
  const [completing, setCompleting] = useState<AppTask | null>(null);
  const [creating, setCreating] = useState(false);
  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const base: TaskQuery = {
    responsible: responsible ? Number(responsible) : undefined,
    type: type ? Number(type) : undefined,
  };
  const states = ['overdue', 'today', 'upcoming'] as const;
  const lists = useQueries({
    queries: states.map((state) => ({
      queryKey: [...tasksKey, 'list', state, base],
      queryFn: () => fetchTasks({ ...base, state }),
      enabled: view === 'list',
    })),
  });
  const range = calendarWindow(mode, anchor);
  const calendar = useQuery({
    queryKey: [...tasksKey, 'calendar', seconds(range.from), seconds(range.to), base],
    queryFn: () => fetchTasks({ ...base, dueFrom: seconds(range.from), dueTo: seconds(range.to) - 1 }),
    enabled: view === 'calendar',
  });
  const open = lists.flatMap((q) => q.data?.items ?? []);
  const all = view === 'list' ? open : (calendar.data?.items ?? []);
  const subject = useTaskSubjects(all);
  const typeName = (id: number) => types.data?.find((tt) => tt.id === id)?.name ?? t('tasks.typeUnknown');
  const refresh = () => queryClient.invalidateQueries({ queryKey: tasksKey });
  const row = (task: AppTask, compact: boolean) => (
    <TaskRow
      task={task}
      compact={compact}
      typeName={typeName(task.task_type_id)}
      responsible={userName(task.responsible_user_id)}
      subject={subject(task)}
      onComplete={setCompleting}
    />
  );
  const now = new Date();
  const grouped = new Map<Bucket, AppTask[]>(buckets.map((b) => [b, []]));
  for (const task of open) grouped.get(bucketOf(task.complete_till, now))?.push(task);
  const pending = view === 'list' ? lists.some((q) => q.isPending) : calendar.isPending;
  const failed = view === 'list' ? lists.find((q) => q.isError) : calendar.isError ? calendar : undefined;
  const truncated = view === 'list' ? lists.some((q) => q.data?.hasMore) : calendar.data?.hasMore;

  return (
    <SectionPage title={t('nav.tasks')}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            value={view}
            aria-label={t('tasks.view')}
            onChange={(v) => set('view', v === 'calendar' ? 'calendar' : null)}
            data={[
              { value: 'list', label: t('tasks.list') },
              { value: 'calendar', label: t('tasks.calendar.title') },
            ]}
          />
          <Select
            aria-label={t('tasks.responsible')}
            placeholder={t('tasks.anyResponsible')}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={responsible}
            onChange={(v) => set('responsible', v)}
            clearable
            w={200}
          />
          <Select
            aria-label={t('tasks.type')}
            placeholder={t('tasks.anyType')}
            data={(types.data ?? []).map((tt) => ({ value: String(tt.id), label: tt.name }))}
            value={type}
            onChange={(v) => set('type', v)}
            clearable
            w={180}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('tasks.new')}
        </Button>
      </Group>
      {failed ? (
        <ApiErrorAlert error={failed.error} title={t('tasks.loadFailed')} onRetry={() => void refresh()} />
      ) : pending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : view === 'calendar' ? (
        <TaskCalendar
          mode={mode}
          anchor={anchor}
          tasks={calendar.data?.items ?? []}
          onMode={(m) => set('mode', m === 'month' ? null : m)}
          onAnchor={setAnchor}
          renderTask={row}
        />
      ) : open.length === 0 ? (
        <Center py="xl">
          <Text c="dimmed">{t('tasks.allDone')}</Text>
        </Center>
      ) : (
        <Stack gap="lg">
          {buckets.map((bucket) => {
            const list = grouped.get(bucket) ?? [];
            if (list.length === 0) return null;
            return (
              <Stack key={bucket} gap="xs" component="section" aria-label={t(`tasks.buckets.${bucket}`)}>
                <Title order={2} fz="md" c={bucketColor[bucket]}>
                  {t(`tasks.buckets.${bucket}`)} · {list.length}
                </Title>
                {list.map((task) => (
                  <div key={task.id}>{row(task, false)}</div>
                ))}
              </Stack>
            );
          })}
        </Stack>
      )}
      {truncated && (
        <Text fz="sm" c="dimmed" ta="center">
          {t('tasks.truncated')}
        </Text>
      )}
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} onCompleted={refresh} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('tasks.new')} size="lg" centered>
        <TaskForm
          onAdded={async () => {
            setCreating(false);
            await refresh();
          }}
        />
      </Modal>
    </SectionPage>
  );
}
