import { sql, type Expression, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { DealsTable } from '../../db/types-crm.ts';
import { dealFilterExpression, type ResolvedDealFilter } from './deal-filter.ts';
import { selectDeals, type DealRow } from './deals.repo.ts';

export type Cursor = { position: number; id: number };

/** Live deals and the sum of their prices per stage of a pipeline. */
export async function stageTotals(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  filter: ResolvedDealFilter | null = null,
  scope: Expression<SqlBool> | null = null,
): Promise<Map<number, { count: number; sum: number }>> {
  let q = db
    .selectFrom('deals')
    .select((eb) => [
      'stage_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number | null>('price').as('total'),
    ])
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('deleted_at', 'is', null);
  if (filter) q = q.where((eb) => dealFilterExpression(eb, filter));
  // Rights: deals out of the user's sight are neither counted nor summed.
  if (scope) q = q.where(scope);
  const rows = await q.groupBy('stage_id').execute();
  return new Map(rows.map((r) => [r.stage_id, { count: Number(r.n), sum: Number(r.total ?? 0) }]));
}

/** Cards of a stage in board order after a cursor (limit + 1 rows: the extra one means "more"). */
export function stageCards(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
  limit: number,
  after: Cursor | null,
  filter: ResolvedDealFilter | null = null,
  scope: Expression<SqlBool> | null = null,
): Promise<DealRow[]> {
  let q = selectDeals(db, accountId)
    .where('deals.stage_id', '=', stageId)
    .where('deals.deleted_at', 'is', null);
  if (filter) q = q.where((eb) => dealFilterExpression(eb, filter));
  if (scope) q = q.where(scope);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('deals.position', '>', after.position),
        eb.and([eb('deals.position', '=', after.position), eb('deals.id', '>', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('deals.position')
    .orderBy('deals.id')
    .limit(limit + 1)
    .execute();
}

/** The card next to `from` in a stage (below it, or above it), ignoring the card being moved. */
export async function neighbourCard(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
  from: Cursor | null,
  direction: 'below' | 'above',
  excludeId: number,
): Promise<Cursor | null> {
  let q = db
    .selectFrom('deals')
    .select(['id', 'position'])
    .where('account_id', '=', accountId)
    .where('stage_id', '=', stageId)
    .where('deleted_at', 'is', null)
    .where('id', '!=', excludeId);
  if (from) {
    const cmp = direction === 'below' ? '>' : '<';
    q = q.where((eb) =>
      eb.or([
        eb('position', cmp, from.position),
        eb.and([eb('position', '=', from.position), eb('id', cmp, from.id)]),
      ]),
    );
  }
  const order = direction === 'below' ? 'asc' : 'desc';
  const row = await q.orderBy('position', order).orderBy('id', order).limit(1).executeTakeFirst();
  return row ?? null;
}

/** Spreads a stage's live cards evenly (1024 apart) in their current order; returns how many. */
export async function renumberStage(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
  positions: (count: number) => number[],
): Promise<number> {
  const rows = await db
    .selectFrom('deals')
    .select('id')
    .where('account_id', '=', accountId)
    .where('stage_id', '=', stageId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const next = positions(rows.length);
  for (const [i, row] of rows.entries()) {
    await db
      .updateTable('deals')
      .set({ position: next[i] ?? 0 })
      .where('account_id', '=', accountId)
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}

/** The ids, trash included, of deals in a stage, and whether each is live. */
export const stageDealIds = (db: Kysely<DB>, accountId: number, stageId: number) =>
  db
    .selectFrom('deals')
    .select(['id', 'deleted_at'])
    .where('account_id', '=', accountId)
    .where('stage_id', '=', stageId)
    .execute();

export async function positionBounds(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
): Promise<{ min: number | null; max: number | null }> {
  const row = await db
    .selectFrom('deals')
    .select((eb) => [
      eb.fn.min<number | null>('position').as('min'),
      eb.fn.max<number | null>('position').as('max'),
    ])
    .where('account_id', '=', accountId)
    .where('stage_id', '=', stageId)
    .executeTakeFirst();
  return { min: row?.min ?? null, max: row?.max ?? null };
}

/** Moves every deal of a stage to another in one statement, shifting positions by `offset`. */
export async function shiftStageDeals(
  db: Kysely<DB>,
  accountId: number,
  fromStageId: number,
  patch: Updateable<DealsTable>,
  offset: number,
): Promise<void> {
  await db
    .updateTable('deals')
    .set({ ...patch, position: sql<number>`position + ${offset}` })
    .where('account_id', '=', accountId)
    .where('stage_id', '=', fromStageId)
    .execute();
}
