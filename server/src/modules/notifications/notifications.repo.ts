import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Notification, NotificationsTable } from '../../db/types-automation.ts';

export async function insertNotifications(
  db: Kysely<DB>,
  rows: Insertable<NotificationsTable>[],
): Promise<Notification[]> {
  if (rows.length === 0) return [];
  return db.insertInto('notifications').values(rows).returningAll().execute();
}

export function listNotifications(
  db: Kysely<DB>,
  accountId: number,
  userId: number,
  opts: { before?: number | undefined; limit: number; unreadOnly: boolean },
): Promise<Notification[]> {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId);
  if (opts.before !== undefined) q = q.where('id', '<', opts.before);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countUnread(db: Kysely<DB>, accountId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the user's own notifications read (ids of other users are ignored); returns how many. */
export async function markRead(
  db: Kysely<DB>,
  accountId: number,
  userId: number,
  ids: number[] | 'all',
  at: number,
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
