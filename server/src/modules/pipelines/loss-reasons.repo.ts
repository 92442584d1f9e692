import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { LossReason, LossReasonsTable } from '../../db/types-crm.ts';

export const listLossReasons = (db: Kysely<DB>, accountId: number): Promise<LossReason[]> =>
  db
    .selectFrom('loss_reasons')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const listLossReasonsById = (
  db: Kysely<DB>,
  accountId: number,
  ids: number[],
): Promise<LossReason[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('loss_reasons')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();

export const findLossReason = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
): Promise<LossReason | undefined> =>
  db
    .selectFrom('loss_reasons')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function maxLossReasonSort(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('loss_reasons')
    .select((eb) => eb.fn.max<number | null>('sort').as('m'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export const insertLossReasons = (
  db: Kysely<DB>,
  rows: Insertable<LossReasonsTable>[],
): Promise<LossReason[]> =>
  rows.length === 0
    ? Promise.resolve([])
    : db.insertInto('loss_reasons').values(rows).returningAll().execute();

export const updateLossReasonRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<LossReasonsTable>,
): Promise<LossReason | undefined> =>
  db
    .updateTable('loss_reasons')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Deletes a reason; deals that named it keep their lost stage with no reason (FK set null). */
export async function deleteLossReasonRow(db: Kysely<DB>, accountId: number, id: number): Promise<boolean> {
  const res = await db
    .deleteFrom('loss_reasons')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
