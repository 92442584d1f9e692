import type { Updateable } from 'kysely';
import { msg } from '../../http/messages.ts';
import { fieldError, type FieldError } from '../../http/problem.ts';
import type { DealsTable, Stage } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { findLossReason } from '../pipelines/loss-reasons.repo.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage, listStages } from '../pipelines/stages.repo.ts';
import { findStatusInPipeline, isFixedStatusId, toStatusId } from '../pipelines/status-ids.ts';
import type { DealRow } from './deals.repo.ts';

/**
 * The stage an amoCRM write names. `status_id` 142 / 143 are the won / lost stage of `pipeline_id`
 * (or of the deal's pipeline, or of the main one for a new deal); another status id must belong to
 * `pipeline_id` when both are given; `pipeline_id` alone means that pipeline's first open stage.
 * Returns null when the write names neither (no stage change); problems go to `errors`.
 */
export async function resolveDealStage(
  ctx: Ctx,
  input: { status_id?: number | undefined; pipeline_id?: number | undefined },
  current: DealRow | null,
  errors: FieldError[],
): Promise<Stage | null> {
  const { db, accountId } = ctx;
  if (current && input.status_id === undefined && input.pipeline_id === undefined) return null;
  let pipelineId = input.pipeline_id ?? current?.pipeline_id;
  if (input.pipeline_id !== undefined) {
    const pipeline = await findPipeline(db, accountId, input.pipeline_id);
    if (!pipeline) {
      errors.push(
        fieldError('NotFound', 'pipeline_id', msg('pipeline.id_not_found', { id: input.pipeline_id })),
      );
      return null;
    }
    if (pipeline.is_archive === 1 && pipeline.id !== current?.pipeline_id) {
      errors.push(fieldError('NotSupportedChoice', 'pipeline_id', msg('pipeline.archived')));
      return null;
    }
  }
  if (pipelineId === undefined && (input.status_id === undefined || isFixedStatusId(input.status_id))) {
    pipelineId = (await ensureDefaultPipeline(db, ctx.account)).id;
  }
  if (input.status_id === undefined) {
    const first = (await listStages(db, accountId, pipelineId === undefined ? [] : [pipelineId])).find(
      (s) => s.kind === 'open',
    );
    if (!first) errors.push(fieldError('NotFound', 'pipeline_id', msg('pipeline.no_open_stage')));
    return first ?? null;
  }
  const stage =
    isFixedStatusId(input.status_id) && pipelineId !== undefined
      ? await findStatusInPipeline(db, accountId, pipelineId, input.status_id)
      : await findStage(db, accountId, input.status_id);
  if (!stage) {
    errors.push(
      fieldError('NotFound', 'status_id', msg('stage.status_id_not_found', { id: input.status_id })),
    );
    return null;
  }
  if (input.pipeline_id !== undefined && stage.pipeline_id !== input.pipeline_id) {
    errors.push(
      fieldError(
        'NotSupportedChoice',
        'status_id',
        msg('stage.not_in_pipeline', { id: input.status_id, pipeline: input.pipeline_id }),
      ),
    );
    return null;
  }
  if (input.pipeline_id === undefined && stage.pipeline_id !== current?.pipeline_id) {
    const pipeline = await findPipeline(db, accountId, stage.pipeline_id);
    if (pipeline?.is_archive === 1) {
      errors.push(fieldError('NotSupportedChoice', 'status_id', msg('pipeline.archived')));
      return null;
    }
  }
  return stage;
}

/** Checks a loss reason named by a write; it only matters for a deal that ends up lost. */
export async function checkLossReason(
  ctx: Ctx,
  lossReasonId: number | null | undefined,
  errors: FieldError[],
): Promise<void> {
  if (lossReasonId === undefined || lossReasonId === null) return;
  if (!(await findLossReason(ctx.db, ctx.accountId, lossReasonId))) {
    errors.push(
      fieldError('NotFound', 'loss_reason_id', msg('deal.loss_reason_not_found', { id: lossReasonId })),
    );
  }
}

export const isClosedKind = (stage: Pick<Stage, 'kind'>) => stage.kind === 'won' || stage.kind === 'lost';

/**
 * The columns a stage change writes: won / lost set closed_at (kept when the deal already sat
 * there) and, for lost, the loss reason; reopening clears both; a new stage restarts the
 * time-in-stage clock and puts the card at `position`.
 */
export function stageChangePatch(
  deal: Pick<DealRow, 'stage_id' | 'closed_at' | 'loss_reason_id'> | null,
  target: Pick<Stage, 'id' | 'pipeline_id' | 'kind'>,
  opts: {
    lossReasonId?: number | null | undefined;
    closedAt?: number | null | undefined;
    position: number;
    now: number;
  },
): Updateable<DealsTable> {
  const same = deal?.stage_id === target.id;
  const patch: Updateable<DealsTable> = same
    ? {}
    : {
        stage_id: target.id,
        pipeline_id: target.pipeline_id,
        stage_entered_at: opts.now,
        position: opts.position,
      };
  if (!isClosedKind(target)) return { ...patch, closed_at: null, loss_reason_id: null };
  const closedAt = opts.closedAt ?? (same && deal?.closed_at ? deal.closed_at : opts.now);
  const lossReasonId =
    target.kind === 'lost'
      ? opts.lossReasonId !== undefined
        ? opts.lossReasonId
        : same
          ? deal?.loss_reason_id
          : null
      : null;
  return { ...patch, closed_at: closedAt, loss_reason_id: lossReasonId ?? null };
}

/** The `deal.stage_changed` event value of a stage: the amoCRM status id and pipeline. */
export const stageEventValue = (stage: { id: number; kind: Stage['kind']; pipeline_id: number }) => ({
  status_id: toStatusId(stage),
  pipeline_id: stage.pipeline_id,
});
