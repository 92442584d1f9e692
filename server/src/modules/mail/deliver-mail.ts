import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { describeMailError, smtpTransport } from './imap-client.ts';
import { findMailMessage, setMailStatus } from './mail-messages.repo.ts';
import type { MailRuntime } from './mail-runtime.ts';
import { smtpSettingsOf } from './mailbox-settings.ts';
import { findMailbox } from './mailboxes.repo.ts';

const addressList = z.array(z.object({ email: z.string(), name: z.string() }));
const idList = z.array(z.string());
const bracket = (id: string) => `<${id}>`;

/** A refusal the server will repeat (5xx): no point retrying. */
const isPermanent = (err: unknown) => {
  const code: unknown = err instanceof Error ? Reflect.get(err, 'responseCode') : undefined;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * The `mail.send` job: delivers one queued mail over its mailbox's SMTP with the threading
 * headers it was stored with, then marks it (and its timeline note) sent. A failure is kept on
 * the mail and thrown, so the queue retries with back-off; the last attempt or a permanent
 * refusal marks it failed.
 */
export async function deliverMail(
  rt: MailRuntime,
  mailId: number,
  attempt: number,
  lastAttempt: number,
): Promise<void> {
  const row = await rt.db
    .selectFrom('mail_messages')
    .select(['account_id'])
    .where('id', '=', mailId)
    .executeTakeFirst();
  if (!row) return;
  const mail = await findMailMessage(rt.db, row.account_id, mailId);
  if (!mail || mail.direction !== 'out' || mail.status === 'sent') return;
  const mailbox = await findMailbox(rt.db, mail.account_id, mail.mailbox_id);
  if (!mailbox) {
    await setMailStatus(rt.db, mail, 'failed', 'The mailbox was disconnected', mail.sent_at);
    return;
  }
  const transport = smtpTransport(smtpSettingsOf(mailbox, rt.secretKey), rt.options);
  try {
    const refs = idList.parse(JSON.parse(mail.refs));
    await transport.sendMail({
      from: { name: mail.from_name, address: mail.from_email },
      to: addressList.parse(JSON.parse(mail.to_list)).map((a) => a.email),
      cc: addressList.parse(JSON.parse(mail.cc_list)).map((a) => a.email),
      subject: mail.subject,
      text: mail.text_body,
      messageId: bracket(mail.message_id),
      ...(mail.in_reply_to ? { inReplyTo: bracket(mail.in_reply_to) } : {}),
      ...(refs.length ? { references: refs.map(bracket) } : {}),
    });
    await setMailStatus(rt.db, mail, 'sent', null, nowSeconds());
  } catch (err) {
    const error = describeMailError(err);
    rt.log.warn({ mailId, attempt, error }, 'mail delivery failed');
    const final = attempt >= lastAttempt || isPermanent(err);
    await setMailStatus(rt.db, mail, final ? 'failed' : 'queued', error, mail.sent_at);
    if (!final) throw new Error(error);
  } finally {
    transport.close();
  }
}
