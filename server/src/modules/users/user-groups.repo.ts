import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type UserGroupRow = { id: number; name: string; users_count: number };

/** The account's departments with how many users each holds. */
export async function listUserGroupsWithCounts(db: Kysely<DB>, accountId: number): Promise<UserGroupRow[]> {
  const rows = await db
    .selectFrom('user_groups as g')
    .leftJoin('users as u', (join) =>
      join.onRef('u.group_id', '=', 'g.id').onRef('u.account_id', '=', 'g.account_id'),
    )
    .select(['g.id', 'g.name', (eb) => eb.fn.count<number>('u.id').as('users_count')])
    .where('g.account_id', '=', accountId)
    .groupBy(['g.id', 'g.name'])
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, users_count: Number(r.users_count) }));
}

export const findUserGroup = (db: Kysely<DB>, accountId: number, id: number) =>
  db
    .selectFrom('user_groups')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Whether another department of the account already has this name (any case). */
export async function groupNameTaken(
  db: Kysely<DB>,
  accountId: number,
  name: string,
  exceptId?: number,
): Promise<boolean> {
  const rows = await db
    .selectFrom('user_groups')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .execute();
  const wanted = name.toLocaleLowerCase();
  return rows.some((r) => r.id !== exceptId && r.name.toLocaleLowerCase() === wanted);
}

export const insertUserGroup = (db: Kysely<DB>, accountId: number, name: string, now: number) =>
  db
    .insertInto('user_groups')
    .values({ account_id: accountId, name, created_at: now })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();

export const renameUserGroup = (db: Kysely<DB>, accountId: number, id: number, name: string) =>
  db
    .updateTable('user_groups')
    .set({ name })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning(['id', 'name'])
    .executeTakeFirst();

/** Deletes a department; its users fall back to the main one (group 0, no row). */
export async function deleteUserGroupRow(db: Kysely<DB>, accountId: number, id: number): Promise<boolean> {
  await db
    .updateTable('users')
    .set({ group_id: null })
    .where('account_id', '=', accountId)
    .where('group_id', '=', id)
    .execute();
  const result = await db
    .deleteFrom('user_groups')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Active administrators of the account. */
export async function countActiveAdmins(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('is_admin', '=', 1)
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
