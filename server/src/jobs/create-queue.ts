import type { Database } from '../db/database.ts';
import { createPgBossQueue } from './pgboss-queue.ts';
import type { JobLogger, JobQueue } from './queue.ts';
import { createSqliteQueue } from './sqlite-queue.ts';

export type CreateJobQueueOptions = {
  /** Required on PostgreSQL: pg-boss opens its own small pool. */
  connectionString?: string;
  logger?: JobLogger;
  /** How often idle workers look for due jobs (default 200 ms on SQLite, 1 s on PostgreSQL). */
  pollIntervalMs?: number;
  /** How often jobs whose lease ran out are looked for (default 60 s; at least 1 s on PostgreSQL). */
  expiryCheckIntervalMs?: number;
};

/** The job queue for the database's dialect: the in-process table runner on SQLite, pg-boss on PostgreSQL. */
export function createJobQueue(database: Database, options: CreateJobQueueOptions = {}): JobQueue {
  const { connectionString, logger, pollIntervalMs, expiryCheckIntervalMs } = options;
  if (database.dialect === 'sqlite') {
    return createSqliteQueue(database.db, {
      logger,
      pollIntervalMs,
      maintenanceIntervalMs: expiryCheckIntervalMs,
    });
  }
  if (!connectionString) throw new Error('The PostgreSQL job queue (pg-boss) needs a connection string');
  return createPgBossQueue(database.db, { connectionString, logger, pollIntervalMs, expiryCheckIntervalMs });
}
