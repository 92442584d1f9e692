import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IconMail } from './mail-icons';
import { MailOriginalModal } from './MailOriginalModal';

const address = z.object({ email: z.string(), name: z.string() });
const mailParams = z.object({
  mail_id: z.number(),
  subject: z.string(),
  from: address,
  to: z.array(address),
  text: z.string(),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  has_html: z.boolean(),
  attachments: z.number(),
  error: z.string().optional(),
});
export type MailNoteParams = z.infer<typeof mailParams>;

const statusColor = { received: 'blue', queued: 'gray', sent: 'teal', failed: 'red' } as const;
const label = (a: { email: string; name: string }) => (a.name ? `${a.name} <${a.email}>` : a.email);

type Props = {
  direction: 'in' | 'out';
  params: Record<string, unknown>;
  meta: ReactNode;
  /** Shown on incoming mail when the card can reply (deal cards). */
  onReply?: ((mail: MailNoteParams) => void) | undefined;
};

/** A mail on a card's timeline: who, subject, the text (escaped), its delivery state, reply. */
export function MailNote({ direction, params, meta, onReply }: Props) {
  const { t } = useTranslation();
  const [original, setOriginal] = useState(false);
  const parsed = mailParams.safeParse(params);
  if (!parsed.success) return null;
  const mail = parsed.data;
  const who = direction === 'in' ? label(mail.from) : mail.to.map(label).join(', ');
  return (
    <Paper withBorder p="sm" radius="md" data-kind="mail" data-direction={direction}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <IconMail size={16} />
            {meta}
          </Group>
          <Badge size="sm" variant="light" color={statusColor[mail.status]}>
            {t(`mail.status.${mail.status}`)}
          </Badge>
        </Group>
        <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {direction === 'in' ? t('mail.from', { who }) : t('mail.to', { who })}
        </Text>
        <Text fz="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {mail.subject || t('mail.noSubject')}
        </Text>
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} lineClamp={12}>
          {mail.text}
        </Text>
        {mail.attachments > 0 && (
          <Text fz="xs" c="dimmed">
            {t('mail.attachments', { count: mail.attachments })}
          </Text>
        )}
        {mail.status === 'failed' && mail.error ? (
          <Text fz="sm" c="red">
            {t('mail.failedWith', { error: mail.error })}
          </Text>
        ) : null}
        <Group gap="xs" justify="flex-end">
          {mail.has_html && (
            <Button size="compact-sm" variant="subtle" onClick={() => setOriginal(true)}>
              {t('mail.showOriginal')}
            </Button>
          )}
          {direction === 'in' && onReply && (
            <Button size="compact-sm" variant="light" onClick={() => onReply(mail)}>
              {t('mail.reply')}
            </Button>
          )}
        </Group>
      </Stack>
      {original && <MailOriginalModal mailId={mail.mail_id} onClose={() => setOriginal(false)} />}
    </Paper>
  );
}
