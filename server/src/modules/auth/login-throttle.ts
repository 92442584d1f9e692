import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type ThrottlePolicy = { maxFailures: number; lockoutSeconds: number };

/** Seconds until the key is unlocked, or 0 when it is not locked. */
export async function lockedFor(db: Kysely<DB>, key: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > now ? row.locked_until - now : 0;
}

/**
 * Counts a failed login for the key atomically (concurrent failures all count) and locks the
 * key once the count within the lockout window reaches the limit. Returns the lock in seconds.
 */
export async function recordFailure(
  db: Kysely<DB>,
  key: string,
  now: number,
  policy: ThrottlePolicy,
): Promise<number> {
  const windowStart = now - policy.lockoutSeconds;
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, first_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A failure streak older than the window starts over.
        failures: sql`CASE WHEN login_throttle.first_failure_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END`,
        first_failure_at: sql`CASE WHEN login_throttle.first_failure_at < ${windowStart} THEN ${now} ELSE login_throttle.first_failure_at END`,
      }),
    )
    .execute();
  const row = await db
    .selectFrom('login_throttle')
    .select('failures')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.failures < policy.maxFailures) return 0;
  const lockedUntil = now + policy.lockoutSeconds;
  await db.updateTable('login_throttle').set({ locked_until: lockedUntil }).where('key', '=', key).execute();
  return policy.lockoutSeconds;
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
