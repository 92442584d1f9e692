import type { Kysely } from 'kysely';
import type { Account, DB, User } from '../../db/types.ts';

export type SessionRow = { id: string; csrf_token: string; expires_at: number; last_seen_at: number };

export async function insertSession(
  db: Kysely<DB>,
  row: {
    id: string;
    account_id: number;
    user_id: number;
    csrf_token: string;
    created_at: number;
    expires_at: number;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

/** The session with its user and account, only if the user is still active. */
export async function findSession(
  db: Kysely<DB>,
  idHash: string,
): Promise<{ session: SessionRow; user: User; account: Account } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'csrf_token', 'expires_at', 'last_seen_at', 'user_id', 'account_id'])
    .where('id', '=', idHash)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.user_id)
    .where('account_id', '=', session.account_id)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!user) return undefined;
  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', session.account_id)
    .executeTakeFirst();
  return account ? { session, user, account } : undefined;
}

export async function touchSession(db: Kysely<DB>, idHash: string, now: number, expiresAt: number) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', idHash)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
