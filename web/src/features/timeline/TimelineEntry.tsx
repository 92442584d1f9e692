import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { TimelineItem } from '@voronka/common';
import { useTranslation } from 'react-i18next';
import { IconChecklist } from '../../ui/icons';
import { IconNote, IconPin } from '../../ui/record-icons';
import { MessageEntry } from '../messenger/MessageEntry';
import { MailNote, type MailNoteParams } from '../mail/MailNote';
import type { EventLookups } from './describe-event';
import { describeEvent } from './describe-event';

type Props = {
  item: TimelineItem;
  lookups: EventLookups;
  dateTime: (seconds: number) => string;
  taskTypeName: (id: number) => string;
  onPin: (noteId: number, pinned: boolean) => void;
  onComplete: (task: { id: number; text: string }) => void;
  /** Reply to an incoming mail (deal cards only). */
  onReplyMail?: ((mail: MailNoteParams) => void) | undefined;
};

const stateColor = { overdue: 'red', today: 'orange', upcoming: 'blue', completed: 'teal' } as const;

/** One entry of a card's feed: an event line, a note, a task or a messenger message. */
export function TimelineEntry({
  item,
  lookups,
  dateTime,
  taskTypeName,
  onPin,
  onComplete,
  onReplyMail,
}: Props) {
  const { t } = useTranslation();
  if (item.kind === 'message')
    return <MessageEntry item={item} dateTime={dateTime} userName={lookups.userName} />;
  const author =
    item.created_by === 0
      ? t('card.timeline.robot')
      : (lookups.userName(item.created_by) ?? t('card.timeline.someone'));
  const meta = (
    <Text fz="xs" c="dimmed">
      {dateTime(item.created_at)} · {author}
    </Text>
  );

  if (item.kind === 'robot') {
    const outcome =
      item.status === 'done'
        ? (item.summary ?? '')
        : item.status === 'failed'
          ? t('card.timeline.robotFailed', { error: item.error ?? '' })
          : t('card.timeline.robotSkipped');
    return (
      <Stack gap={0} px="xs" py={4} data-kind="robot" data-status={item.status}>
        {meta}
        <Text fz="sm" c={item.status === 'failed' ? 'red' : undefined}>
          <Text span fz="sm" fw={600}>
            {item.label}:
          </Text>{' '}
          {outcome}
        </Text>
      </Stack>
    );
  }

  if (item.kind === 'event') {
    const { title, detail } = describeEvent(item, lookups);
    return (
      <Stack gap={0} px="xs" py={4} data-kind="event">
        {meta}
        <Text fz="sm">
          {title}
          {detail ? (
            <Text span fz="sm" c="dimmed">
              {' '}
              {detail}
            </Text>
          ) : null}
        </Text>
      </Stack>
    );
  }

  if (item.kind === 'note' && (item.note_type === 'mail_in' || item.note_type === 'mail_out')) {
    return (
      <MailNote
        direction={item.note_type === 'mail_in' ? 'in' : 'out'}
        params={item.params}
        meta={meta}
        onReply={onReplyMail}
      />
    );
  }

  if (item.kind === 'note') {
    const body = typeof item.params.text === 'string' ? item.params.text : t(`card.timeline.noteTypes.other`);
    return (
      <Paper
        withBorder
        p="sm"
        radius="md"
        data-kind="note"
        bg={item.is_pinned ? 'var(--mantine-color-yellow-light)' : undefined}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Group gap={6} wrap="nowrap">
            <IconNote size={16} />
            {meta}
          </Group>
          <Tooltip label={item.is_pinned ? t('card.timeline.unpin') : t('card.timeline.pin')}>
            <ActionIcon
              variant={item.is_pinned ? 'filled' : 'subtle'}
              color={item.is_pinned ? 'yellow' : 'gray'}
              size="sm"
              aria-label={item.is_pinned ? t('card.timeline.unpin') : t('card.timeline.pin')}
              aria-pressed={item.is_pinned}
              onClick={() => onPin(item.id, !item.is_pinned)}
            >
              <IconPin size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {body}
        </Text>
      </Paper>
    );
  }

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-kind="task"
      style={{ borderLeft: `3px solid var(--mantine-color-${stateColor[item.state]}-6)` }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <IconChecklist size={16} />
            <Text fz="sm" fw={600}>
              {taskTypeName(item.task_type_id)}
            </Text>
            <Badge size="sm" variant="light" color={stateColor[item.state]}>
              {t(`tasks.states.${item.state}`)}
            </Badge>
          </Group>
          <Text fz="xs" c="dimmed">
            {t('tasks.dueFor', {
              date: dateTime(item.complete_till),
              name: lookups.userName(item.responsible_user_id) ?? t('card.timeline.someone'),
            })}
          </Text>
        </Stack>
        {!item.is_completed && (
          <Button size="compact-sm" variant="light" color="teal" onClick={() => onComplete(item)}>
            {t('tasks.complete')}
          </Button>
        )}
      </Group>
      <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {item.text}
      </Text>
      {item.is_completed && item.result_text ? (
        <Text fz="sm" mt={4} c="teal">
          {t('tasks.resultLine', { text: item.result_text })}
        </Text>
      ) : null}
    </Paper>
  );
}
