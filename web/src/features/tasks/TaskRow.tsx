import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AppTask } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRecordFormat } from '../../ui/useRecordFormat';

const stateColor = { overdue: 'red', today: 'orange', upcoming: 'blue', completed: 'teal' } as const;
const paths = { leads: 'deals', contacts: 'contacts', companies: 'companies' } as const;

type Props = {
  task: AppTask;
  typeName: string;
  responsible: string | undefined;
  subject: string | undefined;
  compact?: boolean;
  onComplete: (task: AppTask) => void;
};

/** One task in the list or the calendar: when, what, about whom, who; "Done" while it is open. */
export function TaskRow({ task, typeName, responsible, subject, compact, onComplete }: Props) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const entityLabel =
    task.entity_type && task.entity_id
      ? (subject ?? t(`tasks.subjects.${task.entity_type}`, { id: task.entity_id }))
      : null;
  return (
    <Paper
      withBorder
      p={compact ? 6 : 'sm'}
      radius="md"
      role="article"
      aria-label={task.text}
      style={{ borderLeft: `3px solid var(--mantine-color-${stateColor[task.state]}-6)` }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text fz="xs" fw={600}>
              {compact ? format.time(task.complete_till) : format.dateTime(task.complete_till)}
            </Text>
            <Badge size="xs" variant="light" color={stateColor[task.state]}>
              {typeName}
            </Badge>
          </Group>
          <Text
            fz="sm"
            lineClamp={compact ? 2 : undefined}
            style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}
          >
            {task.text}
          </Text>
          {!compact && (
            <Group gap="xs" wrap="wrap">
              {entityLabel && task.entity_type && (
                <Anchor component={Link} to={`/${paths[task.entity_type]}/${task.entity_id}`} fz="xs">
                  {entityLabel}
                </Anchor>
              )}
              <Text fz="xs" c="dimmed">
                {responsible}
              </Text>
            </Group>
          )}
          {task.is_completed && task.result_text && (
            <Text fz="xs" c="teal">
              {t('tasks.resultLine', { text: task.result_text })}
            </Text>
          )}
        </Stack>
        {!task.is_completed && (
          <Button
            size={compact ? 'compact-xs' : 'compact-sm'}
            variant="light"
            color="teal"
            aria-label={t('tasks.completeNamed', { text: task.text })}
            onClick={() => onComplete(task)}
          >
            {t('tasks.complete')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
