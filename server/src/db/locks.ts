import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from './types.ts';

/**
 * Serialises transactions that check-then-write (first-run setup, counters). SQLite already
 * runs one write transaction at a time on our single connection; PostgreSQL takes a
 * transaction-scoped advisory lock on `key`.
 */
export async function lockForTransaction(trx: Kysely<DB>, key: number): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
  }
}

export const LOCKS = { setup: 1001 } as const;
