import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { WebhookCursorsTable } from '../../db/types-crm.ts';

const CURSOR = 'webhooks';

/**
 * Takes an events reader's cursor row (the webhooks dispatcher's by default; the automation's is
 * another) for this transaction (a row lock on PostgreSQL, the write lock on SQLite), so two app
 * nodes never handle the same events.
 */
export async function claimCursor(trx: Kysely<DB>, now: number, name = CURSOR): Promise<WebhookCursorsTable> {
  const row = await trx
    .updateTable('webhook_cursors')
    .set({ updated_at: now })
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  await trx
    .insertInto('webhook_cursors')
    .values({ name, last_event_id: 0, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return claimCursor(trx, now, name);
}

export async function saveCursor(
  trx: Kysely<DB>,
  cursor: Pick<WebhookCursorsTable, 'last_event_id' | 'gap_id' | 'gap_seen_at'>,
  name = CURSOR,
): Promise<void> {
  await trx.updateTable('webhook_cursors').set(cursor).where('name', '=', name).execute();
}

export const eventsAfter = (trx: Kysely<DB>, lastId: number, limit: number) =>
  trx
    .selectFrom('events')
    .select(['id', 'account_id', 'type', 'entity_type', 'created_at'])
    .where('id', '>', lastId)
    .orderBy('id')
    .limit(limit)
    .execute();

/**
 * Whether an event id missing for `waitedMs` may still appear. SQLite writes one transaction at
 * a time and ids follow commit order, so a hole is final at once. On PostgreSQL the id may
 * belong to a transaction that has not committed yet: one may still be running while any other
 * transaction holding a transaction id started before the hole was first seen (measured on the
 * database's clock). The first second is always waited out: a transaction takes the id a moment
 * before its transaction id.
 */
export async function holeMayFill(trx: Kysely<DB>, waitedMs: number): Promise<boolean> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return false;
  if (waitedMs < 1000) return true;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
      AND xact_start < now() - make_interval(secs => ${waitedMs / 1000})`.execute(trx);
  return (rows[0]?.n ?? 1) > 0;
}
