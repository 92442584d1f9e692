import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.ts';
import type { MailDirection, MailMessage, MailMessagesTable } from '../../db/types-email.ts';

export async function insertMailMessage(
  db: Kysely<DB>,
  row: Insertable<MailMessagesTable>,
): Promise<MailMessage> {
  return db.insertInto('mail_messages').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findMailMessage(db: Kysely<DB>, accountId: number, id: number) {
  return db
    .selectFrom('mail_messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findMailByMessageId(
  db: Kysely<DB>,
  mailboxId: number,
  direction: MailDirection,
  messageId: string,
) {
  return db
    .selectFrom('mail_messages')
    .select(['id'])
    .where('mailbox_id', '=', mailboxId)
    .where('direction', '=', direction)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

/**
 * The newest mail of the account among these Message-IDs (a reply's In-Reply-To and References)
 * that belongs to a live deal: the thread the reply continues.
 */
export function findThreadMail(db: Kysely<DB>, accountId: number, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('mail_messages as m')
    .innerJoin('deals as d', 'd.id', 'm.deal_id')
    .select(['m.id', 'm.thread_id', 'm.deal_id', 'm.contact_id', 'm.mailbox_id'])
    .where('m.account_id', '=', accountId)
    .where('m.message_id', 'in', messageIds)
    .where('d.deleted_at', 'is', null)
    .orderBy('m.id', 'desc')
    .executeTakeFirst();
}

/** Any mail of the account with one of these Message-IDs, for the thread id alone. */
export function findThreadId(db: Kysely<DB>, accountId: number, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('mail_messages')
    .select(['thread_id'])
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .executeTakeFirst();
}

export function listDealMail(db: Kysely<DB>, accountId: number, dealId: number, limit = 200) {
  return db
    .selectFrom('mail_messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function setMailNote(db: Kysely<DB>, id: number, noteId: number) {
  await db.updateTable('mail_messages').set({ note_id: noteId }).where('id', '=', id).execute();
}

/** The delivery outcome, on the mail row and on its timeline note's params. */
export async function setMailStatus(
  db: Kysely<DB>,
  mail: MailMessage,
  status: 'sent' | 'failed' | 'queued',
  error: string | null,
  sentAt: number,
) {
  await db
    .updateTable('mail_messages')
    .set({ status, error, sent_at: sentAt })
    .where('id', '=', mail.id)
    .execute();
  if (mail.note_id === null) return;
  const note = await db
    .selectFrom('notes')
    .select(['params'])
    .where('id', '=', mail.note_id)
    .executeTakeFirst();
  if (!note) return;
  const params = z.record(z.string(), z.unknown()).parse(JSON.parse(note.params));
  await db
    .updateTable('notes')
    .set({ params: JSON.stringify({ ...params, status, ...(error ? { error } : {}) }) })
    .where('id', '=', mail.note_id)
    .execute();
}

/** The e-mail addresses of a deal's live contacts (main contact first): who a new mail goes to. */
export async function dealContactEmails(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('deal_contacts as dc')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .innerJoin('field_values as v', (j) =>
      j.onRef('v.entity_id', '=', 'c.id').on('v.entity_type', '=', 'contacts'),
    )
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select(['v.value_text'])
    .where('dc.account_id', '=', accountId)
    .where('dc.deal_id', '=', dealId)
    .where('c.deleted_at', 'is', null)
    .where('f.code', '=', 'EMAIL')
    .orderBy('dc.is_main', 'desc')
    .orderBy('v.id')
    .limit(20)
    .execute();
  return [
    ...new Set(rows.map((r) => (r.value_text ?? '').trim().toLowerCase()).filter((e) => e.includes('@'))),
  ];
}
