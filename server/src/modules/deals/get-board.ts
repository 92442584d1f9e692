import type { Board, BoardCardState, BoardDeal, BoardStagePage, DealFilter } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage, listStages } from '../pipelines/stages.repo.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { dealCan, stageCan } from '../policy/permissions.ts';
import { policyOf, stageVisible, type Policy } from '../policy/policy.ts';
import { dealScope } from '../policy/policy.sql.ts';
import { overdueDays, stageLimits } from '../process/stage-limits.ts';
import { stageCards, stageTotals, type Cursor } from './board.repo.ts';
import { dealFilterExpression, isEmptyDealFilter, resolveDealFilter } from './deal-filter.ts';
import { selectDeals, type DealRow } from './deals.repo.ts';
import { presentCards } from './present-board.ts';

const totalsList = (totals: Map<number, { count: number; sum: number }>, stageIds: number[]) =>
  stageIds.map((id) => ({ stage_id: id, count: totals.get(id)?.count ?? 0, sum: totals.get(id)?.sum ?? 0 }));

/**
 * The cards of `rows` as the signed-in user sees them: with what they may do with each (rights)
 * and, past a stage's time limit, by how many days (process rules).
 */
async function userCards(ctx: Ctx, policy: Policy, rows: DealRow[]): Promise<Map<number, BoardDeal>> {
  const [cards, limits] = await Promise.all([
    presentCards(ctx.db, ctx.accountId, rows),
    stageLimits(ctx.db, ctx.accountId),
  ]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const now = nowSeconds();
  const out = new Map<number, BoardDeal>();
  for (const card of cards) {
    const row = rowById.get(card.id);
    if (!row) continue;
    const over = overdueDays(limits.get(row.stage_id), row.stage_entered_at, now);
    out.set(card.id, {
      ...card,
      can: dealCan(policy, row),
      ...(over === undefined ? {} : { overdue_days: over }),
    });
  }
  return out;
}

/**
 * The kanban of one pipeline (the main one by default): every stage the user may see with the
 * count and price sum of the deals matching the filter that the user may see, and its first such
 * cards in board order. The incoming stage is left out when the pipeline does not take incoming
 * leads and the stage is empty; a pipeline without a visible stage is not found.
 */
export async function getBoard(
  ctx: Ctx,
  opts: { pipelineId?: number | undefined; limitPerStage: number; filter?: DealFilter },
): Promise<Board> {
  const { db, accountId } = ctx;
  const pipeline =
    opts.pipelineId === undefined
      ? await ensureDefaultPipeline(db, ctx.account)
      : await findPipeline(db, accountId, opts.pipelineId);
  if (!pipeline) throw notFound(msg('pipeline.not_found'));
  const policy = await policyOf(ctx);
  const scope = dealScope(policy);
  // Without a filter the totals are read once, not a second time for "all" deals.
  const filter =
    opts.filter && !isEmptyDealFilter(opts.filter) ? await resolveDealFilter(ctx, opts.filter) : null;
  const [totals, all, allStages] = await Promise.all([
    stageTotals(db, accountId, pipeline.id, filter, scope),
    filter ? stageTotals(db, accountId, pipeline.id, null, scope) : null,
    listStages(db, accountId, [pipeline.id]),
  ]);
  if (!allStages.some((s) => stageVisible(policy, s.id))) throw notFound(msg('pipeline.not_found'));
  const stages = allStages.filter(
    (s) =>
      stageVisible(policy, s.id) &&
      !(s.kind === 'incoming' && pipeline.is_unsorted_on === 0 && !(all ?? totals).has(s.id)),
  );
  const pages = await Promise.all(
    stages.map((s) =>
      totals.has(s.id) ? stageCards(db, accountId, s.id, opts.limitPerStage, null, filter, scope) : [],
    ),
  );
  const byId = await userCards(
    ctx,
    policy,
    pages.flatMap((rows) => rows.slice(0, opts.limitPerStage)),
  );
  const limits = await stageLimits(db, accountId);
  return {
    pipeline: {
      id: pipeline.id,
      name: pipeline.name,
      is_main: pipeline.is_main === 1,
      is_unsorted_on: pipeline.is_unsorted_on === 1,
      is_archive: pipeline.is_archive === 1,
    },
    stages: stages.map((stage, i) => {
      const rows = pages[i] ?? [];
      const total = totals.get(stage.id);
      const maxDays = limits.get(stage.id);
      return {
        stage: {
          id: stage.id,
          status_id: toStatusId(stage),
          pipeline_id: stage.pipeline_id,
          name: stage.name,
          color: stage.color,
          sort: stage.sort,
          kind: stage.kind,
        },
        count: total?.count ?? 0,
        sum: total?.sum ?? 0,
        deals: rows.slice(0, opts.limitPerStage).flatMap((d) => byId.get(d.id) ?? []),
        has_more: rows.length > opts.limitPerStage,
        can: stageCan(policy, stage.id),
        ...(maxDays === undefined ? {} : { max_days: maxDays }),
      };
    }),
  };
}

/** The next cards of one stage after the last card the board shows, under the same filter. */
export async function listStageCards(
  ctx: Ctx,
  stageId: number,
  after: Cursor | null,
  limit: number,
  filter?: DealFilter,
): Promise<BoardStagePage> {
  const { db, accountId } = ctx;
  const policy = await policyOf(ctx);
  if (!(await findStage(db, accountId, stageId)) || !stageVisible(policy, stageId))
    throw notFound(msg('stage.board_not_found'));
  const resolved = filter ? await resolveDealFilter(ctx, filter) : null;
  const rows = await stageCards(db, accountId, stageId, limit, after, resolved, dealScope(policy));
  const page = rows.slice(0, limit);
  const byId = await userCards(ctx, policy, page);
  return { deals: page.flatMap((d) => byId.get(d.id) ?? []), has_more: rows.length > limit };
}

/**
 * One deal as the board of `pipelineId` should show it now: its card when it is live, in that
 * pipeline, matches the filter and the user may see it (else null), with the pipeline's fresh
 * stage totals over what the user may see. Open boards call it when the live stream says a deal
 * changed.
 */
export async function getBoardCard(
  ctx: Ctx,
  dealId: number,
  pipelineId: number,
  filter: DealFilter,
): Promise<BoardCardState> {
  const { db, accountId } = ctx;
  if (!(await findPipeline(db, accountId, pipelineId))) throw notFound(msg('pipeline.not_found'));
  const policy = await policyOf(ctx);
  const scope = dealScope(policy);
  const resolved = await resolveDealFilter(ctx, filter);
  let rowQuery = selectDeals(db, accountId)
    .where('deals.id', '=', dealId)
    .where('deals.pipeline_id', '=', pipelineId)
    .where((eb) => dealFilterExpression(eb, resolved));
  if (scope) rowQuery = rowQuery.where(scope);
  const [row, totals, stages] = await Promise.all([
    rowQuery.executeTakeFirst(),
    stageTotals(db, accountId, pipelineId, resolved, scope),
    listStages(db, accountId, [pipelineId]),
  ]);
  const card =
    row && stageVisible(policy, row.stage_id) ? (await userCards(ctx, policy, [row])).get(row.id) : undefined;
  return {
    deal_id: dealId,
    deal: card ?? null,
    totals: totalsList(
      totals,
      stages.filter((s) => stageVisible(policy, s.id)).map((s) => s.id),
    ),
  };
}
