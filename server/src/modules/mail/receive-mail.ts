import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Mailbox } from '../../db/types-email.ts';
import { raiseDealSignal } from '../automation/raise-deal-signal.ts';
import { openDealOf } from '../calls/register-call.ts';
import type { Ctx } from '../context.ts';
import { findContactDuplicates } from '../inbox/find-duplicates.ts';
import { receiveIncomingLead } from '../inbox/receive-incoming-lead.ts';
import { createNotes } from '../notes/create-notes.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import {
  insertMailMessage,
  findMailByMessageId,
  findThreadId,
  findThreadMail,
  setMailNote,
} from './mail-messages.repo.ts';
import type { IncomingMail } from './parse-mail.ts';

export type ReceivedMail =
  | { kind: 'deal'; mailId: number; dealId: number; noteId: number; threaded: boolean }
  | { kind: 'inbox'; mailId: number; dealId: number; uid: string }
  | { kind: 'duplicate' }
  | { kind: 'skipped'; reason: 'own' | 'automatic' | 'no_sender' };

/** The timeline note's params for a mail (what the feed shows; the body in full is on the row). */
export const mailNoteParams = (
  id: number,
  mail: Pick<IncomingMail, 'subject' | 'from' | 'to' | 'text' | 'html' | 'attachments'>,
  status: 'received' | 'queued',
) => ({
  mail_id: id,
  subject: mail.subject.slice(0, 1000),
  from: mail.from,
  to: mail.to,
  text: mail.text.slice(0, 20_000),
  status,
  has_html: mail.html !== null,
  attachments: mail.attachments.length,
});

/**
 * One mail taken from a mailbox, in the caller's transaction (the sync moves its position in
 * the same one). A mail already stored (same Message-ID in this mailbox) is skipped. A reply to a
 * thread we know goes to that thread's deal; otherwise a mail from a known contact (by e-mail,
 * as duplicate control matches) goes to the contact's open deal; both add a `mail_in` note and
 * raise the "incoming email" trigger. Anything else becomes an incoming lead (category mail),
 * with the mail on the new deal's timeline.
 */
export function receiveMail(
  ctx: Ctx,
  mailbox: Mailbox,
  mail: IncomingMail,
  imapUid: number | null,
): Promise<ReceivedMail> {
  return withTransaction(ctx, async (c) => {
    if (await findMailByMessageId(c.db, mailbox.id, 'in', mail.messageId))
      return { kind: 'duplicate' } as const;
    if (!mail.from.email) return { kind: 'skipped', reason: 'no_sender' } as const;
    if (mail.from.email === mailbox.email.toLowerCase()) return { kind: 'skipped', reason: 'own' } as const;

    const related = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()];
    const thread = await findThreadMail(c.db, c.accountId, related);
    const threadId =
      thread?.thread_id ??
      (await findThreadId(c.db, c.accountId, related))?.thread_id ??
      mail.references[0] ??
      mail.inReplyTo ??
      mail.messageId;
    const [contact] = await findContactDuplicates(
      c.db,
      c.accountId,
      c.account.country,
      [],
      [mail.from.email],
      1,
    );
    const openDeal = thread?.deal_id ? null : contact ? await openDealOf(c, contact.id) : undefined;
    const dealId = thread?.deal_id ?? openDeal?.id ?? null;

    const row = {
      account_id: c.accountId,
      mailbox_id: mailbox.id,
      direction: 'in' as const,
      message_id: mail.messageId,
      in_reply_to: mail.inReplyTo,
      refs: JSON.stringify(mail.references),
      thread_id: threadId,
      imap_uid: imapUid,
      from_email: mail.from.email,
      from_name: mail.from.name,
      to_list: JSON.stringify(mail.to),
      cc_list: JSON.stringify(mail.cc),
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      attachments: JSON.stringify(mail.attachments),
      status: 'received' as const,
      error: null,
      sent_at: mail.date,
      created_at: nowSeconds(),
    };

    const attach = async (mailId: number, deal: number) => {
      const [note] = await createNotes(c, 'leads', [
        {
          requestId: '0',
          entity_id: deal,
          note_type: 'mail_in',
          params: mailNoteParams(mailId, mail, 'received'),
        },
      ]);
      const noteId = note?.id ?? 0;
      await setMailNote(c.db, mailId, noteId);
      await raiseDealSignal(c, deal, 'incoming_email');
      return noteId;
    };

    if (dealId !== null) {
      const stored = await insertMailMessage(c.db, {
        ...row,
        deal_id: dealId,
        contact_id: thread?.contact_id ?? contact?.id ?? null,
        note_id: null,
        incoming_lead_uid: null,
      });
      const noteId = await attach(stored.id, dealId);
      return { kind: 'deal', mailId: stored.id, dealId, noteId, threaded: thread !== undefined };
    }
    if (mail.automatic) return { kind: 'skipped', reason: 'automatic' } as const;

    const entry = await receiveIncomingLead(c, {
      category: 'mail',
      sourceUid: `mailbox:${mailbox.id}`,
      sourceName: mailbox.name || mailbox.email,
      createdAt: mail.date,
      contact: {
        name: mail.from.name || mail.from.email,
        custom_fields_values: [
          { field_code: 'EMAIL', values: [{ value: mail.from.email, enum_code: 'WORK' }] },
        ],
      },
      metadata: {
        from: mail.from,
        to: mail.to.map((a) => a.email).join(', '),
        subject: mail.subject,
        received_at: mail.date,
        message_id: mail.messageId,
        mailbox: mailbox.email,
      },
      extra: { subject: mail.subject, message: mail.text.slice(0, 2000) },
    });
    const newDeal = entry.deal_id ?? 0;
    const stored = await insertMailMessage(c.db, {
      ...row,
      deal_id: newDeal || null,
      contact_id: entry.contact_id,
      note_id: null,
      incoming_lead_uid: entry.uid,
    });
    if (newDeal) await attach(stored.id, newDeal);
    return { kind: 'inbox', mailId: stored.id, dealId: newDeal, uid: entry.uid };
  });
}
