import { Alert, Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { sendMessage, type Conversation } from './messenger-api';

type Props = { conversations: Conversation[]; dealId?: number; onSent: () => Promise<void> };

const MAX = 4096;

/** The card's reply box: a message to the client's chat, sent by the server's job queue. */
export function ChatReply({ conversations, dealId, onSent }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const [text, setText] = useState('');
  const conversation = conversations.find((c) => c.id === chosen) ?? conversations[0];
  const send = useMutation({
    mutationFn: (body: string) => {
      if (!conversation) throw new Error('no conversation');
      return sendMessage(conversation.id, body, dealId);
    },
    onSuccess: async () => {
      setText('');
      await onSent();
    },
  });
  if (!conversation) return null;
  const channelName = (c: Conversation) => (c.channel === 'telegram' ? 'Telegram' : c.channel);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send.mutate(text.trim());
      }}
    >
      <Stack gap="xs">
        {conversations.length > 1 && (
          <Select
            label={t('messenger.reply.chat')}
            data={conversations.map((c) => ({ value: String(c.id), label: `${channelName(c)}: ${c.title}` }))}
            value={String(conversation.id)}
            onChange={(v) => setChosen(v ? Number(v) : null)}
            allowDeselect={false}
          />
        )}
        {!conversation.can_send && (
          <Alert color="orange" variant="light">
            {t('messenger.reply.notConnected')}
          </Alert>
        )}
        <Textarea
          aria-label={t('messenger.reply.label')}
          placeholder={t('messenger.reply.placeholder', {
            chat: `${channelName(conversation)}: ${conversation.title}`,
          })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={MAX}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim()) send.mutate(text.trim());
          }}
        />
        <ApiErrorAlert error={send.error} title={t('messenger.reply.failed')} />
        <Group justify="flex-end">
          <Button type="submit" loading={send.isPending} disabled={!text.trim() || !conversation.can_send}>
            {t('messenger.reply.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
