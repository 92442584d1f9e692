import type { Insertable, Kysely, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { Deal, DealsTable, StageKind } from '../../db/types-crm.ts';

/** A deal with the kind of its stage, which decides its amoCRM status id (142 / 143). */
export type DealRow = Deal & { stage_kind: StageKind };

export const selectDeals = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('deals')
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .selectAll('deals')
    .select('stages.kind as stage_kind')
    .where('deals.account_id', '=', accountId);

const findLiveDeal = prepared((db, p: { accountId: number; id: number }) =>
  selectDeals(db, p.accountId).where('deals.id', '=', p.id).where('deals.deleted_at', 'is', null),
);

export async function findDeal(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  opts: { includeDeleted?: boolean } = {},
): Promise<DealRow | undefined> {
  if (!opts.includeDeleted) return findLiveDeal.first(db, { accountId, id });
  return selectDeals(db, accountId).where('deals.id', '=', id).executeTakeFirst();
}

export const findDealsById = (db: Kysely<DB>, accountId: number, ids: number[]): Promise<DealRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : selectDeals(db, accountId).where('deals.id', 'in', ids).execute();

export const insertDeal = (db: Kysely<DB>, row: Insertable<DealsTable>): Promise<Deal> =>
  db.insertInto('deals').values(row).returningAll().executeTakeFirstOrThrow();

export const updateDealRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<DealsTable>,
): Promise<Deal> =>
  db
    .updateTable('deals')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * The lowest position in a stage (the top card), or null for an empty stage. The pipeline makes
 * it one seek in the board index (account, pipeline, stage, deleted_at, position) instead of a
 * walk over every deal of the stage.
 */
export async function topPosition(
  db: Kysely<DB>,
  accountId: number,
  stage: { id: number; pipeline_id: number },
): Promise<number | null> {
  const row = await topPositionQuery.first(db, {
    accountId,
    pipelineId: stage.pipeline_id,
    stageId: stage.id,
  });
  return row?.p ?? null;
}

const topPositionQuery = prepared((db, p: { accountId: number; pipelineId: number; stageId: number }) =>
  db
    .selectFrom('deals')
    .select((eb) => eb.fn.min<number | null>('position').as('p'))
    .where('account_id', '=', p.accountId)
    .where('pipeline_id', '=', p.pipelineId)
    .where('stage_id', '=', p.stageId)
    .where('deleted_at', 'is', null),
);

export async function userGroupId(db: Kysely<DB>, accountId: number, userId: number | null): Promise<number> {
  if (userId === null) return 0;
  const row = await db
    .selectFrom('users')
    .select('group_id')
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.group_id ?? 0;
}
