import type { Kysely } from 'kysely';
import type { Account, DB } from '../../db/types.ts';

export type NewAccount = Pick<Account, 'name' | 'subdomain' | 'currency' | 'timezone' | 'locale' | 'country'>;

export async function insertAccount(db: Kysely<DB>, input: NewAccount, now: number): Promise<Account> {
  return db
    .insertInto('accounts')
    .values({ ...input, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findAccount = (db: Kysely<DB>, id: number): Promise<Account | undefined> =>
  db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const firstAccount = (db: Kysely<DB>): Promise<Account | undefined> =>
  db.selectFrom('accounts').selectAll().orderBy('id').limit(1).executeTakeFirst();

export async function subdomainTaken(db: Kysely<DB>, subdomain: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('subdomain', '=', subdomain)
    .executeTakeFirst();
  return row !== undefined;
}

export const listUserGroups = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('user_groups')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();

export const renameAccount = (db: Kysely<DB>, id: number, name: string, locale: string): Promise<Account> =>
  db
    .updateTable('accounts')
    .set({ name, locale, updated_at: Math.floor(Date.now() / 1000) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateAccountRow = (
  db: Kysely<DB>,
  id: number,
  patch: Partial<Pick<Account, 'name' | 'currency' | 'timezone' | 'locale'>>,
): Promise<Account> =>
  db
    .updateTable('accounts')
    .set({ ...patch, updated_at: Math.floor(Date.now() / 1000) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
