import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/** Custom task types start here: ids 1 and 2 are amoCRM's built-in "Follow-up" and "Meeting". */
export const FIRST_CUSTOM_TASK_TYPE_ID = 1000;

async function startTaskTypeIdsAt(db: Kysely<unknown>, dialect: Dialect, start: number) {
  if (dialect === 'postgres') {
    await sql`SELECT setval(pg_get_serial_sequence('task_types', 'id'),
      GREATEST((SELECT COALESCE(MAX(id), 0) FROM task_types), ${start - 1}), true)`.execute(db);
    return;
  }
  await sql`DELETE FROM sqlite_sequence WHERE name = 'task_types'`.execute(db);
  await sql`INSERT INTO sqlite_sequence (name, seq)
    SELECT 'task_types', MAX(${start - 1}, COALESCE((SELECT MAX(id) FROM task_types), 0))`.execute(db);
}

/**
 * Tasks, notes, events, links, webhooks. `events.subtype` makes the amoCRM event types that share
 * one domain type filterable without a JSON scan (note type of note.added, field id of
 * entity.field_changed, the changed attribute of task.changed). `webhook_cursors` is the outbox
 * dispatcher's position in the events table.
 */
export const activity = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('events').addColumn('subtype', 'text').execute();

    await db.schema
      .createTable('webhook_cursors')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('last_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
      // The first missing id the dispatcher waits for (a transaction still in flight, or one
      // rolled back), and since when (unix ms).
      .addColumn('gap_id', 'bigint')
      .addColumn('gap_seen_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // Subscriptions get the events after they exist, not the history before this migration.
    await sql`INSERT INTO webhook_cursors (name, last_event_id, updated_at)
      SELECT 'webhooks', COALESCE(MAX(id), 0), 0 FROM events`.execute(db);

    await db.schema
      .createIndex('webhooks_destination')
      .on('webhooks')
      .columns(['account_id', 'destination'])
      .unique()
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_status')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('tasks_account_updated')
      .on('tasks')
      .columns(['account_id', 'updated_at'])
      .execute();
    await db.schema
      .createIndex('notes_account')
      .on('notes')
      .columns(['account_id', 'entity_type', 'updated_at'])
      .execute();

    await startTaskTypeIdsAt(db, dialect, FIRST_CUSTOM_TASK_TYPE_ID);
  },
});
