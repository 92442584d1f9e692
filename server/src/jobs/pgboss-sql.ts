import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/types.ts';
import type { JobInfo } from './queue.ts';

// pg-boss 10 has no lookup by anything but (queue name, id), so these two read and write its
// job table directly. They depend on its schema (version 24: job and archive tables, job_state
// enum, retry_count, output); re-check them when upgrading pg-boss.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Cancels waiting jobs ('created' or 'retry': the enum orders them before 'active') carrying the
 * cancel key, on the caller's executor so it joins their transaction.
 */
export async function cancelWaitingByKey(
  executor: Kysely<DB>,
  schema: string,
  cancelKey: string,
): Promise<number> {
  const result = await sql`
    UPDATE ${sql.table(`${schema}.job`)} SET state = 'cancelled', completed_on = now()
    WHERE state < 'active' AND data->>'cancelKey' = ${cancelKey}
  `.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

const jobRow = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['created', 'retry', 'active', 'completed', 'failed', 'cancelled']),
  retry_count: z.number(),
  started_on: z.date().nullable(),
  output: z.unknown(),
});

// pg-boss stores fail(…, { message }) as is, and a lease timeout as { value: { message } }.
const failureOutput = z.union([
  z.object({ message: z.string() }).transform((o) => o.message),
  z.object({ value: z.object({ message: z.string() }) }).transform((o) => o.value.message),
]);

/** A job's state, looking in the archive too (pg-boss moves finished jobs there after 12 hours). */
export async function readJob(db: Kysely<DB>, schema: string, id: string): Promise<JobInfo | null> {
  if (!uuid.test(id)) return null;
  const columns = sql`id::text AS id, name, state::text AS state, retry_count, started_on, output`;
  const { rows } = await sql`
    SELECT ${columns} FROM ${sql.table(`${schema}.job`)} WHERE id = ${id}::uuid
    UNION ALL
    SELECT ${columns} FROM ${sql.table(`${schema}.archive`)} WHERE id = ${id}::uuid
    LIMIT 1
  `.execute(db);
  if (rows.length === 0) return null;
  const row = jobRow.parse(rows[0]);
  const error = failureOutput.safeParse(row.output);
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    // retry_count goes up on every fetch but the first.
    attempts: row.started_on === null ? 0 : row.retry_count + 1,
    lastError: error.success ? error.data : null,
  };
}
