import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

// The table behind the in-process job runner used on SQLite. PostgreSQL uses pg-boss, which
// keeps its own schema; the table is created there too so both databases share one migration
// history, and stays empty.
export const jobs = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await withId(db.schema.createTable('jobs'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('retry_limit', 'integer', (c) => c.notNull())
      .addColumn('retry_delay_ms', 'integer', (c) => c.notNull())
      .addColumn('retry_backoff', 'integer', (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('cancel_key', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
    await db.schema.createIndex('jobs_cancel_key').on('jobs').column('cancel_key').execute();
    await db.schema.createIndex('jobs_singleton').on('jobs').columns(['name', 'singleton_key']).execute();
  },
});
