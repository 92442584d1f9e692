import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export const listPresets = (db: Kysely<DB>, accountId: number, userId: number) =>
  db
    .selectFrom('deal_filter_presets')
    .select(['id', 'name', 'query'])
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();

export const countPresets = async (db: Kysely<DB>, accountId: number, userId: number): Promise<number> => {
  const row = await db
    .selectFrom('deal_filter_presets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

export const insertPreset = (
  db: Kysely<DB>,
  row: { account_id: number; user_id: number; name: string; query: string; created_at: number },
) =>
  db
    .insertInto('deal_filter_presets')
    .values(row)
    .returning(['id', 'name', 'query'])
    .executeTakeFirstOrThrow();

/** Deletes one of the user's own presets; false when there is no such preset of theirs. */
export async function deletePreset(
  db: Kysely<DB>,
  accountId: number,
  userId: number,
  id: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('deal_filter_presets')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
