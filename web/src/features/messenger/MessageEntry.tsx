import { Badge, Group, Paper, Text } from '@mantine/core';
import type { TimelineMessage } from '@voronka/common';
import { useTranslation } from 'react-i18next';

type Props = {
  item: TimelineMessage;
  dateTime: (seconds: number) => string;
  userName: (id: number) => string | undefined;
};

const statusColor = { received: 'gray', queued: 'yellow', sent: 'teal', failed: 'red' } as const;

/** A messenger message in a card's feed: the client's on the left, ours on the right; text, never markup. */
export function MessageEntry({ item, dateTime, userName }: Props) {
  const { t } = useTranslation();
  const incoming = item.direction === 'in';
  const who = incoming
    ? item.sender
      ? item.sender.username
        ? `${item.sender.name} (@${item.sender.username})`
        : item.sender.name
      : t('messenger.client')
    : item.author_user_id === 0 || item.author_user_id === null
      ? t('card.timeline.robot')
      : (userName(item.author_user_id) ?? t('card.timeline.someone'));
  const channel = item.channel === 'telegram' ? 'Telegram' : item.channel;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-kind="message"
      data-direction={item.direction}
      data-status={item.status}
      maw="85%"
      ml={incoming ? 0 : 'auto'}
      bg={incoming ? undefined : 'var(--mantine-color-blue-light)'}
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fz="xs" c="dimmed">
          {dateTime(item.created_at)} · {channel} · {who}
        </Text>
        {!incoming && (
          <Badge size="xs" variant="light" color={statusColor[item.status]} data-testid="message-status">
            {t(`messenger.status.${item.status}`)}
          </Badge>
        )}
      </Group>
      <Text
        fz="sm"
        mt={4}
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
        data-testid="message-text"
      >
        {item.text}
      </Text>
      {item.error && item.status !== 'sent' ? (
        <Text fz="xs" mt={4} c={item.status === 'failed' ? 'red' : 'orange'} data-testid="message-error">
          {item.status === 'failed'
            ? t('messenger.failed', { reason: item.error })
            : t('messenger.retrying', { reason: item.error })}
        </Text>
      ) : null}
    </Paper>
  );
}
