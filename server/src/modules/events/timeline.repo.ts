import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CrmEvent, EntityType, Note, Task } from '../../db/types-crm.ts';
import type { Message } from '../../db/types-inbox.ts';
import type { AutomationRun } from '../../db/types-automation.ts';

/**
 * The card feed reads five tables newest first, merged by (time, rank, id) descending; the
 * cursor is the last item shown. Events already told by their own item (a note's or a task's
 * creation, a robot run's end) are left out.
 */
export type FeedCursor = { at: number; rank: number; id: number };
export const FEED_RANK = { event: 0, note: 1, task: 2, message: 3, robot: 4 } as const;

/**
 * Rows that come after the cursor in the feed's order, for a table whose rows have `rank` and
 * whose feed time is the column `at` (created_at but for runs, which count from when they ran).
 */
function after(rank: number, c: FeedCursor | null, at = sql.ref('created_at')): RawBuilder<SqlBool> {
  if (!c) return sql<SqlBool>`1 = 1`;
  if (rank < c.rank) return sql<SqlBool>`${at} <= ${c.at}`;
  if (rank > c.rank) return sql<SqlBool>`${at} < ${c.at}`;
  return sql<SqlBool>`(${at} < ${c.at} OR (${at} = ${c.at} AND id < ${c.id}))`;
}

export const feedEvents = (
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  cursor: FeedCursor | null,
  limit: number,
): Promise<CrmEvent[]> =>
  db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('type', 'not in', ['note.added', 'task.added', 'deal.robot_ran'])
    .where(after(FEED_RANK.event, cursor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const feedNotes = (
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  cursor: FeedCursor | null,
  limit: number,
): Promise<Note[]> =>
  db
    .selectFrom('notes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where(after(FEED_RANK.note, cursor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const feedTasks = (
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  cursor: FeedCursor | null,
  limit: number,
): Promise<Task[]> =>
  db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('deleted_at', 'is', null)
    .where(after(FEED_RANK.task, cursor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const pinnedNotes = (db: Kysely<DB>, accountId: number, entityType: EntityType, entityId: number) =>
  db
    .selectFrom('notes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('is_pinned', '=', 1)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

/**
 * Messenger messages: a deal's are those written while its conversation was on it; a contact's
 * are every message of its conversations. Companies have none.
 */
export function feedMessages(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  cursor: FeedCursor | null,
  limit: number,
): Promise<Message[]> {
  if (entityType !== 'leads' && entityType !== 'contacts') return Promise.resolve([]);
  let q = db.selectFrom('messages').selectAll().where('account_id', '=', accountId);
  q =
    entityType === 'leads'
      ? q.where('deal_id', '=', entityId)
      : q.where('conversation_id', 'in', (eb) =>
          eb
            .selectFrom('conversations')
            .select('conversations.id')
            .where('conversations.account_id', '=', accountId)
            .where('conversations.contact_id', '=', entityId),
        );
  return q
    .where(after(FEED_RANK.message, cursor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * A deal's robot lines: its automation runs that did something, failed or were skipped (not the
 * waiting or cancelled ones), at the time they ran. Runs from before migration 025 have no
 * `feed_label`: their line is the note they wrote.
 */
export function feedRuns(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  cursor: FeedCursor | null,
  limit: number,
): Promise<Array<AutomationRun & { ran_at: number; feed_label: string }>> {
  if (entityType !== 'leads') return Promise.resolve([]);
  return db
    .selectFrom('automation_runs')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deal_id', '=', entityId)
    .where('status', 'in', ['done', 'failed', 'skipped'])
    .where('feed_label', 'is not', null)
    .where('ran_at', 'is not', null)
    .where(after(FEED_RANK.robot, cursor, sql.ref('ran_at')))
    .orderBy('ran_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .$narrowType<{ ran_at: number; feed_label: string }>()
    .execute();
}
