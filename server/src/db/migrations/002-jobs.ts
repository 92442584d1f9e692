import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

// The table behind the in-process job runner used on SQLite. PostgreSQL uses pg-boss, which
// keeps its own schema; the table is created there too so both databases share one migration
// history, and stays empty.
//
// Unlike the rest of the schema (unix seconds, as the amoCRM API speaks them), every timestamp
// here is unix milliseconds: retry delays and leases are sub-second in tests and short in life.
// `run_at` is when a waiting job ('created' or 'retry') is due; while a job is 'active' it holds
// the lease deadline instead (claim time + lease_ms), after which another worker may re-claim it.
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
      .addColumn('lease_ms', 'integer', (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('cancel_key', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['name', 'state', 'run_at']).execute();
    await db.schema.createIndex('jobs_cancel_key').on('jobs').column('cancel_key').execute();
    // At most one not-yet-started job per (name, singleton key): the index makes the dedupe atomic
    // (INSERT ... ON CONFLICT DO NOTHING) even with two app nodes on one database.
    await db.schema
      .createIndex('jobs_singleton')
      .on('jobs')
      .columns(['name', 'singleton_key'])
      .unique()
      .where(sql.ref('state'), '=', 'created')
      .execute();
  },
});
