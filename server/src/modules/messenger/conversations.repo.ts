import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Conversation, Message, MessagesTable } from '../../db/types-inbox.ts';
import type { EntityType } from '../../db/types-crm.ts';

/** All SQL of conversations and their messages (tables from migration 010). */

export const findConversation = (
  db: Kysely<DB>,
  accountId: number,
  channel: string,
  externalId: string,
): Promise<Conversation | undefined> =>
  db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

export const findConversationById = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
): Promise<Conversation | undefined> =>
  db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Creates the conversation or points the existing one at the contact and deal given. */
export async function upsertConversation(
  db: Kysely<DB>,
  row: {
    account_id: number;
    channel: string;
    external_id: string;
    title: string;
    contact_id: number | null;
    deal_id: number | null;
    now: number;
  },
): Promise<Conversation> {
  const { now, ...values } = row;
  await db
    .insertInto('conversations')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'channel', 'external_id']).doUpdateSet({
        title: values.title,
        contact_id: values.contact_id,
        deal_id: values.deal_id,
        updated_at: now,
      }),
    )
    .execute();
  const saved = await findConversation(db, row.account_id, row.channel, row.external_id);
  if (!saved) throw new Error('conversation upsert lost its row');
  return saved;
}

export async function touchConversation(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  set: { deal_id?: number | null; title?: string; updated_at: number },
): Promise<void> {
  await db
    .updateTable('conversations')
    .set(set)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Stores a message; an incoming one already stored (same external id) is not stored twice. */
export async function insertMessage(db: Kysely<DB>, row: Insertable<MessagesTable>): Promise<Message | null> {
  const inserted = await db
    .insertInto('messages')
    .values(row)
    .onConflict((oc) => oc.columns(['conversation_id', 'direction', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? null;
}

export const hasMessage = async (
  db: Kysely<DB>,
  conversationId: number,
  direction: 'in' | 'out',
  externalId: string,
): Promise<boolean> =>
  (await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', direction)
    .where('external_id', '=', externalId)
    .executeTakeFirst()) !== undefined;

export const findMessage = (db: Kysely<DB>, accountId: number, id: number): Promise<Message | undefined> =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function setMessageStatus(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  set: { status: Message['status']; error?: string | null; external_id?: string | null; meta?: string },
): Promise<void> {
  await db
    .updateTable('messages')
    .set(set)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** The conversations a card shows: a deal's own, or every one of a contact. */
export function conversationsOf(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
): Promise<Conversation[]> {
  if (entityType !== 'leads' && entityType !== 'contacts') return Promise.resolve([]);
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where(entityType === 'leads' ? 'deal_id' : 'contact_id', '=', entityId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

/** A contact's conversation on a channel (the newest), for sending to them. */
export const contactConversation = (
  db: Kysely<DB>,
  accountId: number,
  contactId: number,
  channel: string,
): Promise<Conversation | undefined> =>
  db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .where('channel', '=', channel)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
