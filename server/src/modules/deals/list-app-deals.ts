import type { DealFilter, DealListPage, DealSortKey } from '@voronka/common';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../context.ts';
import { policyOf } from '../policy/policy.ts';
import { dealScope } from '../policy/policy.sql.ts';
import { dealFilterExpression, resolveDealFilter, type ResolvedDealFilter } from './deal-filter.ts';
import { selectDeals, type DealRow } from './deals.repo.ts';
import { presentCards } from './present-board.ts';

export type DealListRequest = {
  pipelineId: number | undefined;
  filter: DealFilter;
  sort: DealSortKey;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
};

const stageRank = sql<number>`CASE stages.kind WHEN 'incoming' THEN 0 WHEN 'open' THEN 1 WHEN 'won' THEN 2 ELSE 3 END`;

type Scope = Expression<SqlBool> | null;

/** The filtered deals the user may see (and, for an export, export): one scope for rows and totals. */
function filtered(ctx: Ctx, pipelineId: number | undefined, resolved: ResolvedDealFilter, scopes: Scope[]) {
  let q = selectDeals(ctx.db, ctx.accountId).where((eb) => dealFilterExpression(eb, resolved));
  if (pipelineId !== undefined) q = q.where('deals.pipeline_id', '=', pipelineId);
  for (const scope of scopes) if (scope) q = q.where(scope);
  return q;
}

/** GET /api/app/deals: a sorted page of the filtered deals (of one pipeline, or all), with totals. */
export async function listAppDeals(ctx: Ctx, req: DealListRequest): Promise<DealListPage> {
  const { db, accountId } = ctx;
  const resolved = await resolveDealFilter(ctx, req.filter);
  const scopes = [dealScope(await policyOf(ctx))];
  const dir = req.direction;
  let q = filtered(ctx, req.pipelineId, resolved, scopes);
  if (req.sort === 'stage') q = q.orderBy(stageRank, dir).orderBy('stages.sort', dir);
  else if (req.sort === 'name') q = q.orderBy('deals.name_lc', dir);
  else if (req.sort === 'closest_task_at')
    // Deals without an open task go last either way.
    q = q
      .orderBy(sql`CASE WHEN deals.closest_task_at IS NULL THEN 1 ELSE 0 END`)
      .orderBy('deals.closest_task_at', dir);
  else q = q.orderBy(`deals.${req.sort}`, dir);
  const [rows, totals] = await Promise.all([
    q.orderBy('deals.id', dir).limit(req.limit).offset(req.offset).execute(),
    filtered(ctx, req.pipelineId, resolved, scopes)
      .clearSelect()
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('deals.price').as('total')])
      .executeTakeFirst(),
  ]);
  return {
    deals: await presentCards(db, accountId, rows),
    total: Number(totals?.n ?? 0),
    sum: Number(totals?.total ?? 0),
  };
}

/**
 * Every filtered deal the user may see and export (or the listed ids among them), in id order, a
 * batch at a time: what the CSV export walks without holding 50,000 rows in memory.
 */
export async function* filteredDealBatches(
  ctx: Ctx,
  pipelineId: number | undefined,
  filter: DealFilter,
  ids: number[] | undefined,
  batchSize = 500,
): AsyncGenerator<DealRow[]> {
  const resolved = await resolveDealFilter(ctx, filter);
  const policy = await policyOf(ctx);
  const scopes = [dealScope(policy, 'view'), dealScope(policy, 'export')];
  let after = 0;
  for (;;) {
    let q = filtered(ctx, pipelineId, resolved, scopes).where('deals.id', '>', after);
    if (ids) q = q.where('deals.id', 'in', ids.length ? ids : [0]);
    const rows = await q.orderBy('deals.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < batchSize) return;
  }
}
