import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { PartyType, RecordColumns } from './merge-snapshot.ts';

/** A contact or company row, with the columns a merge reads (companies have no first/last name). */
export type PartyRow = RecordColumns & { id: number; deleted_at: number | null };

export async function findPartyRow(
  db: Kysely<DB>,
  accountId: number,
  type: PartyType,
  id: number,
): Promise<PartyRow | undefined> {
  if (type === 'contacts') {
    return db
      .selectFrom('contacts')
      .select([
        'id',
        'name',
        'first_name',
        'last_name',
        'company_id',
        'responsible_user_id',
        'updated_at',
        'updated_by',
        'deleted_at',
      ])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'responsible_user_id', 'updated_at', 'updated_by', 'deleted_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Touches a live record inside the caller's transaction, so it stays locked until commit
 * (PostgreSQL row lock; SQLite runs one write transaction at a time). False when the record is
 * gone or already deleted / merged away: a concurrent merge of the same pair then finds nothing.
 */
export async function lockLive(
  db: Kysely<DB>,
  accountId: number,
  type: PartyType,
  id: number,
): Promise<boolean> {
  const r =
    type === 'contacts'
      ? await db
          .updateTable('contacts')
          .set((eb) => ({ updated_at: eb.ref('updated_at') }))
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
      : await db
          .updateTable('companies')
          .set((eb) => ({ updated_at: eb.ref('updated_at') }))
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Writes a record's columns (name_lc follows the name). */
export async function writePartyColumns(
  db: Kysely<DB>,
  accountId: number,
  type: PartyType,
  id: number,
  cols: Partial<RecordColumns> & { deleted_at?: number | null },
): Promise<void> {
  const { first_name, last_name, company_id, ...common } = cols;
  const withLc = common.name === undefined ? common : { ...common, name_lc: common.name.toLowerCase() };
  if (type === 'contacts') {
    await db
      .updateTable('contacts')
      .set({
        ...withLc,
        ...(first_name === undefined ? {} : { first_name }),
        ...(last_name === undefined ? {} : { last_name }),
        ...(company_id === undefined ? {} : { company_id }),
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    return;
  }
  await db
    .updateTable('companies')
    .set(withLc)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
