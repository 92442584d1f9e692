import type { Board, BoardCardState, BoardStagePage, DealFilter } from '@voronka/common';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage, listStages } from '../pipelines/stages.repo.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { stageCards, stageTotals, type Cursor } from './board.repo.ts';
import { dealFilterExpression, resolveDealFilter } from './deal-filter.ts';
import { selectDeals } from './deals.repo.ts';
import { presentCards } from './present-board.ts';

const totalsList = (totals: Map<number, { count: number; sum: number }>, stageIds: number[]) =>
  stageIds.map((id) => ({ stage_id: id, count: totals.get(id)?.count ?? 0, sum: totals.get(id)?.sum ?? 0 }));

/**
 * The kanban of one pipeline (the main one by default): every stage with the count and price sum
 * of the deals matching the filter and its first matching cards in board order. The incoming stage
 * is left out when the pipeline does not take incoming leads and the stage is empty.
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
  if (!pipeline) throw notFound('Pipeline not found');
  const filter = opts.filter ? await resolveDealFilter(ctx, opts.filter) : null;
  const [totals, all] = await Promise.all([
    stageTotals(db, accountId, pipeline.id, filter),
    filter ? stageTotals(db, accountId, pipeline.id) : null,
  ]);
  const stages = (await listStages(db, accountId, [pipeline.id])).filter(
    (s) => !(s.kind === 'incoming' && pipeline.is_unsorted_on === 0 && !(all ?? totals).has(s.id)),
  );
  const pages = await Promise.all(
    stages.map((s) =>
      totals.has(s.id) ? stageCards(db, accountId, s.id, opts.limitPerStage, null, filter) : [],
    ),
  );
  const cards = await presentCards(
    db,
    accountId,
    pages.flatMap((rows) => rows.slice(0, opts.limitPerStage)),
  );
  const byId = new Map(cards.map((c) => [c.id, c]));
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
  if (!(await findStage(db, accountId, stageId))) throw notFound('Stage not found');
  const resolved = filter ? await resolveDealFilter(ctx, filter) : null;
  const rows = await stageCards(db, accountId, stageId, limit, after, resolved);
  return { deals: await presentCards(db, accountId, rows.slice(0, limit)), has_more: rows.length > limit };
}

/**
 * One deal as the board of `pipelineId` should show it now: its card when it is live, in that
 * pipeline and matches the filter (else null), with the pipeline's fresh stage totals. Open
 * boards call it when the live stream says a deal changed.
 */
export async function getBoardCard(
  ctx: Ctx,
  dealId: number,
  pipelineId: number,
  filter: DealFilter,
): Promise<BoardCardState> {
  const { db, accountId } = ctx;
  if (!(await findPipeline(db, accountId, pipelineId))) throw notFound('Pipeline not found');
  const resolved = await resolveDealFilter(ctx, filter);
  const [row, totals, stages] = await Promise.all([
    selectDeals(db, accountId)
      .where('deals.id', '=', dealId)
      .where('deals.pipeline_id', '=', pipelineId)
      .where((eb) => dealFilterExpression(eb, resolved))
      .executeTakeFirst(),
    stageTotals(db, accountId, pipelineId, resolved),
    listStages(db, accountId, [pipelineId]),
  ]);
  const [card] = row ? await presentCards(db, accountId, [row]) : [];
  return {
    deal_id: dealId,
    deal: card ?? null,
    totals: totalsList(
      totals,
      stages.map((s) => s.id),
    ),
  };
}
