import type { Board, BoardStagePage } from '@voronka/common';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage, listStages } from '../pipelines/stages.repo.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { stageCards, stageTotals, type Cursor } from './board.repo.ts';
import { mainContacts } from './deal-links.repo.ts';
import { presentCard } from './present-board.ts';
import { policyOf, stageVisible } from '../policy/policy.ts';
import { dealScope } from '../policy/policy.sql.ts';
import { dealCan, stageCan } from '../policy/permissions.ts';
import { overdueDays, stageLimits } from '../process/stage-limits.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';

/**
 * The kanban of one pipeline (the main one by default): every stage with its deal count, the sum
 * of its prices and its first cards in board order. The incoming stage is left out when the
 * pipeline does not take incoming leads and the stage is empty.
 */
export async function getBoard(
  ctx: Ctx,
  opts: { pipelineId?: number | undefined; limitPerStage: number },
): Promise<Board> {
  const { db, accountId } = ctx;
  const pipeline =
    opts.pipelineId === undefined
      ? await ensureDefaultPipeline(db, ctx.account)
      : await findPipeline(db, accountId, opts.pipelineId);
  if (!pipeline) throw notFound('Pipeline not found');
  const policy = await policyOf(ctx);
  const scope = dealScope(policy);
  const totals = await stageTotals(db, accountId, pipeline.id, scope);
  const allStages = await listStages(db, accountId, [pipeline.id]);
  // Rights: a stage whose deals the user may not see is not shown; a pipeline without one is absent.
  if (!allStages.some((s) => stageVisible(policy, s.id))) throw notFound('Pipeline not found');
  const stages = allStages.filter(
    (s) =>
      stageVisible(policy, s.id) &&
      !(s.kind === 'incoming' && pipeline.is_unsorted_on === 0 && !totals.has(s.id)),
  );
  const cards = await Promise.all(
    stages.map((s) => stageCards(db, accountId, s.id, opts.limitPerStage, null, scope)),
  );
  const contacts = await mainContacts(
    db,
    accountId,
    cards.flat().map((d) => d.id),
  );
  const limits = await stageLimits(db, accountId);
  const now = nowSeconds();
  return {
    pipeline: {
      id: pipeline.id,
      name: pipeline.name,
      is_main: pipeline.is_main === 1,
      is_unsorted_on: pipeline.is_unsorted_on === 1,
      is_archive: pipeline.is_archive === 1,
    },
    stages: stages.map((stage, i) => {
      const rows = cards[i] ?? [];
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
        deals: rows.slice(0, opts.limitPerStage).map((d) => ({
          ...presentCard(d, contacts.get(d.id)),
          can: dealCan(policy, d),
          ...withOverdue(overdueDays(limits.get(stage.id), d.stage_entered_at, now)),
        })),
        has_more: rows.length > opts.limitPerStage,
        can: stageCan(policy, stage.id),
        ...(limits.has(stage.id) ? { max_days: limits.get(stage.id) } : {}),
      };
    }),
  };
}

/** The next cards of one stage after the last card the board shows. */
export async function listStageCards(
  ctx: Ctx,
  stageId: number,
  after: Cursor | null,
  limit: number,
): Promise<BoardStagePage> {
  const { db, accountId } = ctx;
  const policy = await policyOf(ctx);
  if (!(await findStage(db, accountId, stageId)) || !stageVisible(policy, stageId))
    throw notFound('Stage not found');
  const rows = await stageCards(db, accountId, stageId, limit, after, dealScope(policy));
  const page = rows.slice(0, limit);
  const contacts = await mainContacts(
    db,
    accountId,
    page.map((d) => d.id),
  );
  const maxDays = (await stageLimits(db, accountId)).get(stageId);
  const now = nowSeconds();
  return {
    deals: page.map((d) => ({
      ...presentCard(d, contacts.get(d.id)),
      can: dealCan(policy, d),
      ...withOverdue(overdueDays(maxDays, d.stage_entered_at, now)),
    })),
    has_more: rows.length > limit,
  };
}

/** The card's `overdue_days`, present only when the deal has stayed past its stage's limit. */
const withOverdue = (days: number | undefined) => (days === undefined ? {} : { overdue_days: days });
