import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type RoleRow = { id: number; name: string; rights: string };

export const listRoles = (
  db: Kysely<DB>,
  accountId: number,
  limit: number,
  offset: number,
): Promise<RoleRow[]> =>
  db
    .selectFrom('roles')
    .select(['id', 'name', 'rights'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();

export async function countRoles(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findRoles = (db: Kysely<DB>, accountId: number, ids: number[]): Promise<RoleRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('roles')
        .select(['id', 'name', 'rights'])
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();

/** The account's users per role, for `with=users`. */
export async function userIdsByRole(
  db: Kysely<DB>,
  accountId: number,
  roleIds: number[],
): Promise<Map<number, number[]>> {
  const byRole = new Map<number, number[]>();
  if (roleIds.length === 0) return byRole;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'role_id'])
    .where('account_id', '=', accountId)
    .where('role_id', 'in', roleIds)
    .orderBy('id')
    .execute();
  for (const r of rows)
    if (r.role_id !== null) byRole.set(r.role_id, [...(byRole.get(r.role_id) ?? []), r.id]);
  return byRole;
}

export const findGroups = (db: Kysely<DB>, accountId: number, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('user_groups')
        .select(['id', 'name'])
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();

export const listUsersPage = (db: Kysely<DB>, accountId: number, limit: number, offset: number) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();

export async function countUsers(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
