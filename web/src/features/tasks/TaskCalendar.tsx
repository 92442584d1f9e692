import { Box, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import type { AppTask } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import { useRecordFormat } from '../../ui/useRecordFormat';
import { addDays, sameDay, startOfDay, startOfMonth, startOfWeek } from './dates';

export type CalendarMode = 'day' | 'week' | 'month';

/** The first and last instant the calendar shows for a mode around an anchor day. */
export function calendarWindow(mode: CalendarMode, anchor: Date): { from: Date; to: Date } {
  if (mode === 'day') return { from: startOfDay(anchor), to: addDays(startOfDay(anchor), 1) };
  if (mode === 'week') return { from: startOfWeek(anchor), to: addDays(startOfWeek(anchor), 7) };
  const first = startOfWeek(startOfMonth(anchor));
  const next = startOfMonth(addDays(startOfMonth(anchor), 32));
  const weeks = Math.ceil((next.getTime() - first.getTime()) / (7 * 86_400_000));
  return { from: first, to: addDays(first, weeks * 7) };
}

type Props = {
  mode: CalendarMode;
  anchor: Date;
  tasks: AppTask[];
  onMode: (mode: CalendarMode) => void;
  onAnchor: (anchor: Date) => void;
  renderTask: (task: AppTask, compact: boolean) => React.ReactNode;
};

/** Tasks by day: one day, a week of columns, or a month grid (Monday first). */
export function TaskCalendar({ mode, anchor, tasks, onMode, onAnchor, renderTask }: Props) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const { from, to } = calendarWindow(mode, anchor);
  const days: Date[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  const step = mode === 'day' ? 1 : mode === 'week' ? 7 : 0;
  const shift = (dir: 1 | -1) => {
    if (step) return onAnchor(addDays(anchor, dir * step));
    const x = startOfMonth(anchor);
    x.setMonth(x.getMonth() + dir);
    onAnchor(x);
  };
  const title =
    mode === 'month'
      ? new Intl.DateTimeFormat(format.language, { month: 'long', year: 'numeric' }).format(anchor)
      : mode === 'week'
        ? `${format.date(from.getTime() / 1000)} — ${format.date(addDays(to, -1).getTime() / 1000)}`
        : new Intl.DateTimeFormat(format.language, { dateStyle: 'full' }).format(anchor);
  const dayName = new Intl.DateTimeFormat(format.language, { weekday: 'short', day: 'numeric' });
  const today = new Date();
  const tasksOf = (day: Date) =>
    tasks
      .filter((task) => sameDay(new Date(task.complete_till * 1000), day))
      .sort((a, b) => a.complete_till - b.complete_till);

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => shift(-1)}
            aria-label={t('tasks.calendar.previous')}
          >
            ←
          </Button>
          <Button variant="default" size="xs" onClick={() => onAnchor(new Date())}>
            {t('tasks.calendar.today')}
          </Button>
          <Button variant="default" size="xs" onClick={() => shift(1)} aria-label={t('tasks.calendar.next')}>
            →
          </Button>
          <Text fw={600} tt="capitalize" aria-live="polite">
            {title}
          </Text>
        </Group>
        <SegmentedControl
          size="xs"
          value={mode}
          aria-label={t('tasks.calendar.mode')}
          onChange={(v) => onMode(v === 'day' || v === 'week' ? v : 'month')}
          data={[
            { value: 'day', label: t('tasks.calendar.day') },
            { value: 'week', label: t('tasks.calendar.week') },
            { value: 'month', label: t('tasks.calendar.month') },
          ]}
        />
      </Group>
      {mode === 'day' ? (
        <Stack gap="xs" role="list" aria-label={title}>
          {tasksOf(anchor).length === 0 ? (
            <Text c="dimmed" fz="sm" ta="center" py="lg">
              {t('tasks.calendar.free')}
            </Text>
          ) : (
            tasksOf(anchor).map((task) => <div key={task.id}>{renderTask(task, false)}</div>)
          )}
        </Stack>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Box
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(7, minmax(110px, 1fr))',
              gap: 4,
              minWidth: 7 * 114,
            }}
          >
            {days.map((day) => {
              const list = tasksOf(day);
              const outside = mode === 'month' && day.getMonth() !== anchor.getMonth();
              const shown = mode === 'month' ? list.slice(0, 3) : list;
              return (
                <Paper
                  key={day.getTime()}
                  withBorder
                  p={4}
                  radius="sm"
                  role="group"
                  aria-label={format.date(day.getTime() / 1000)}
                  mih={mode === 'month' ? 96 : 240}
                  style={{
                    opacity: outside ? 0.55 : 1,
                    borderColor: sameDay(day, today) ? 'var(--mantine-primary-color-filled)' : undefined,
                  }}
                >
                  <Text
                    fz="xs"
                    fw={sameDay(day, today) ? 700 : 500}
                    c={sameDay(day, today) ? 'var(--mantine-primary-color-filled)' : 'dimmed'}
                    mb={4}
                    component="button"
                    style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                    onClick={() => {
                      onAnchor(day);
                      onMode('day');
                    }}
                  >
                    {dayName.format(day)}
                  </Text>
                  <Stack gap={4}>
                    {shown.map((task) => (
                      <div key={task.id}>{renderTask(task, true)}</div>
                    ))}
                    {list.length > shown.length && (
                      <Text fz="xs" c="dimmed">
                        {t('tasks.calendar.more', { count: list.length - shown.length })}
                      </Text>
                    )}
                  </Stack>
                </Paper>
              );
            })}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
