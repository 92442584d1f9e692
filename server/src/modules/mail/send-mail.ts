import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Mailbox, MailMessage } from '../../db/types-email.ts';
import { ProblemError, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { authorizeDeal } from '../policy/guards.ts';
import { createNotes } from '../notes/create-notes.ts';
import { refuse } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { mailSendJob } from './mail-jobs.ts';
import { findMailMessage, insertMailMessage, setMailNote } from './mail-messages.repo.ts';
import type { MailAddress } from './parse-mail.ts';
import { mailNoteParams } from './receive-mail.ts';
import { listMailboxes } from './mailboxes.repo.ts';
import type { SendMailInput } from '@voronka/common';
import { mailOptions } from './mail-runtime.ts';

const idList = z.array(z.string());

/** A reply's subject: the original's with one "Re: " in front. */
export const replySubject = (subject: string) =>
  /^\s*(re|ответ)\s*:/i.test(subject) ? subject : `Re: ${subject}`;

/** The mailbox a user sends from: the one asked for, else the replied mail's, else their own, else a shared one. */
async function senderMailbox(
  ctx: Ctx,
  wanted: number | undefined,
  replied: MailMessage | undefined,
): Promise<Mailbox> {
  const usable = (
    await listMailboxes(ctx.db, ctx.accountId, { id: ctx.userId, admin: ctx.user?.is_admin === 1 })
  ).filter((m) => m.is_active === 1);
  const pick =
    wanted !== undefined
      ? usable.find((m) => m.id === wanted)
      : (usable.find((m) => m.id === replied?.mailbox_id) ??
        usable.find((m) => m.user_id === ctx.userId) ??
        usable.find((m) => m.user_id === null));
  if (!pick) {
    throw wanted !== undefined
      ? refuse('No such mailbox, or it is not yours to send from', 'mailbox_id', 'NotFound')
      : refuse('Connect a mailbox in Settings → Mail first', 'mailbox_id', 'NotSupplied');
  }
  return pick;
}

/**
 * A manager's mail from the deal card: stored as queued with its own Message-ID and, for a reply,
 * In-Reply-To and References continuing the thread; a `mail_out` note on the deal's timeline; and
 * a `mail.send` job in the same transaction, which delivers it over the mailbox's SMTP.
 */
export function sendMail(ctx: Ctx, dealId: number, input: SendMailInput): Promise<MailMessage> {
  return withTransaction(ctx, async (c) => {
    if (!c.queue) throw new ProblemError(503, 'Service Unavailable', 'The job queue is not running');
    const deal = await findDeal(c.db, c.accountId, dealId);
    if (!deal) throw notFound('Deal not found');
    // Rights: writing to the customer from a deal is editing it.
    await authorizeDeal(c, 'edit', deal);
    const replied = input.reply_to_mail_id
      ? await findMailMessage(c.db, c.accountId, input.reply_to_mail_id)
      : undefined;
    if (input.reply_to_mail_id && (!replied || replied.deal_id !== dealId))
      throw refuse('The mail replied to is not on this deal', 'reply_to_mail_id', 'NotFound');
    const mailbox = await senderMailbox(c, input.mailbox_id, replied);
    const domain = mailbox.email.split('@')[1] ?? 'voronka.invalid';
    const messageId = `${randomUUID()}@${domain}`;
    const references = replied
      ? [...idList.parse(JSON.parse(replied.refs)), replied.message_id].slice(-30)
      : [];
    const to: MailAddress[] = input.to.map((email) => ({ email: email.toLowerCase(), name: '' }));
    const cc: MailAddress[] = (input.cc ?? []).map((email) => ({ email: email.toLowerCase(), name: '' }));
    const subject = input.subject ?? (replied ? replySubject(replied.subject) : '');
    const from = { email: mailbox.email, name: mailbox.name };
    const now = nowSeconds();
    const mail = await insertMailMessage(c.db, {
      account_id: c.accountId,
      mailbox_id: mailbox.id,
      direction: 'out',
      message_id: messageId,
      in_reply_to: replied?.message_id ?? null,
      refs: JSON.stringify(references),
      thread_id: replied?.thread_id ?? messageId,
      imap_uid: null,
      from_email: from.email,
      from_name: from.name,
      to_list: JSON.stringify(to),
      cc_list: JSON.stringify(cc),
      subject,
      text_body: input.text,
      html_body: null,
      attachments: '[]',
      deal_id: dealId,
      contact_id: replied?.contact_id ?? null,
      note_id: null,
      incoming_lead_uid: null,
      status: 'queued',
      error: null,
      author_user_id: c.userId,
      sent_at: now,
      created_at: now,
    });
    const [note] = await createNotes(c, 'leads', [
      {
        requestId: '0',
        entity_id: dealId,
        note_type: 'mail_out',
        params: mailNoteParams(
          mail.id,
          { subject, from, to, text: input.text, html: null, attachments: [] },
          'queued',
        ),
      },
    ]);
    await setMailNote(c.db, mail.id, note?.id ?? 0);
    await c.queue.enqueue(
      c.db,
      mailSendJob,
      { mailId: mail.id },
      {
        retryLimit: mailOptions().sendRetryLimit,
        retryDelayMs: mailOptions().sendRetryDelayMs,
        retryBackoff: true,
      },
    );
    return { ...mail, note_id: note?.id ?? null };
  });
}
