import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { dealMailKey, fetchDealMail, fetchMailboxes, mailboxesKey, sendDealMail } from './api';
import type { MailNoteParams } from './MailNote';

type Props = {
  dealId: number;
  /** The mail being answered (from its timeline entry), or null for a new mail. */
  replyTo: MailNoteParams | null;
  onCancelReply: () => void;
  onSent: () => void | Promise<void>;
};

const replySubject = (s: string) => (/^\s*(re|ответ)\s*:/i.test(s) ? s : `Re: ${s}`);

/** The deal card's mail composer: a new mail to the deal's contacts, or a reply in a thread. */
export function MailComposer({ dealId, replyTo, onCancelReply, onSent }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mailboxes = useQuery({ queryKey: mailboxesKey, queryFn: fetchMailboxes });
  const dealMail = useQuery({ queryKey: dealMailKey(dealId), queryFn: () => fetchDealMail(dealId) });
  const usable = (mailboxes.data ?? []).filter((m) => m.is_active);
  const [mailboxId, setMailboxId] = useState<string | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');

  const suggested = dealMail.data?.suggested_to ?? [];
  const firstSuggested = suggested[0];
  // A reply target replaces the recipients and subject; otherwise the deal's contact is the default.
  useEffect(() => {
    if (replyTo) {
      setTo([replyTo.from.email]);
      setSubject(replySubject(replyTo.subject));
    } else if (firstSuggested) {
      setTo((current) => (current.length ? current : [firstSuggested]));
    }
  }, [replyTo, firstSuggested]);

  const send = useMutation({
    mutationFn: () =>
      sendDealMail(dealId, {
        to,
        text,
        ...(subject.trim() ? { subject: subject.trim() } : {}),
        ...(mailboxId ? { mailbox_id: Number(mailboxId) } : {}),
        ...(replyTo ? { reply_to_mail_id: replyTo.mail_id } : {}),
      }),
    onSuccess: async () => {
      setText('');
      if (!replyTo) setSubject('');
      onCancelReply();
      await queryClient.invalidateQueries({ queryKey: dealMailKey(dealId) });
      await onSent();
    },
  });

  if (mailboxes.isSuccess && usable.length === 0) {
    return (
      <Alert color="gray" title={t('mail.noMailboxTitle')}>
        <Text fz="sm">
          {t('mail.noMailboxText')}{' '}
          <Anchor component={Link} to="/settings/mail">
            {t('mail.connectLink')}
          </Anchor>
        </Text>
      </Alert>
    );
  }

  return (
    <form
      aria-label={t('mail.composer')}
      onSubmit={(e) => {
        e.preventDefault();
        if (to.length && text.trim()) send.mutate();
      }}
    >
      <Stack gap="xs">
        {replyTo && (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('mail.replyingTo', { subject: replyTo.subject || t('mail.noSubject') })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={onCancelReply}>
              {t('mail.cancelReply')}
            </Button>
          </Group>
        )}
        {usable.length > 1 && (
          <Select
            label={t('mail.fromMailbox')}
            data={usable.map((m) => ({ value: String(m.id), label: `${m.name} <${m.email}>` }))}
            value={mailboxId}
            onChange={setMailboxId}
            placeholder={t('mail.fromDefault')}
            clearable
          />
        )}
        <TagsInput
          label={t('mail.recipients')}
          data={suggested}
          value={to}
          onChange={setTo}
          splitChars={[',', ' ', ';']}
          maxTags={20}
          required
        />
        <TextInput
          label={t('mail.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={998}
        />
        <Textarea
          label={t('mail.body')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          maxLength={100_000}
        />
        <ApiErrorAlert error={send.error} title={t('mail.sendFailed')} />
        <Group justify="flex-end">
          <Button type="submit" loading={send.isPending} disabled={!to.length || !text.trim()}>
            {t('mail.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
