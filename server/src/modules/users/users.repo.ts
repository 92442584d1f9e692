import type { Kysely } from 'kysely';
import type { DB, NewUser, User, UserUpdate } from '../../db/types.ts';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const findUserByEmail = (db: Kysely<DB>, email: string): Promise<User | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();

export const findUser = (db: Kysely<DB>, accountId: number, id: number): Promise<User | undefined> =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export const listUsers = (db: Kysely<DB>, accountId: number): Promise<User[]> =>
  db.selectFrom('users').selectAll().where('account_id', '=', accountId).orderBy('id').execute();

export async function countAllUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertUser = (db: Kysely<DB>, user: NewUser): Promise<User> =>
  db
    .insertInto('users')
    .values({ ...user, email: normaliseEmail(user.email) })
    .returningAll()
    .executeTakeFirstOrThrow();

export async function updateUser(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: UserUpdate,
): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The ids among `ids` of the account's users (active ones only when `activeOnly`). */
export async function accountUserIds(
  db: Kysely<DB>,
  accountId: number,
  ids: number[],
  activeOnly = true,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  let query = db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', [...new Set(ids)]);
  if (activeOnly) query = query.where('is_active', '=', 1);
  return new Set((await query.execute()).map((r) => r.id));
}

/** Signs a user out everywhere, except the session `keepId` (hash) when given. */
export async function deleteSessionsOf(db: Kysely<DB>, userId: number, keepId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}
