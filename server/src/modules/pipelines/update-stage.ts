import type { Updateable } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Stage, StagesTable } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { asBatchItem, refuse } from './errors.ts';
import type { StatusUpdateInput } from './pipelines.schema.ts';
import { findStatusInPipeline } from './status-ids.ts';
import { updateStageRow } from './stages.repo.ts';
import { withTransaction } from './with-transaction.ts';

/**
 * Renames or recolours a stage, or reorders an open one through `sort`; the incoming, won and
 * lost stages keep their places.
 */
export function updateStage(
  ctx: Ctx,
  pipelineId: number,
  statusId: number,
  input: StatusUpdateInput,
): Promise<Stage> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    const stage = await findStatusInPipeline(db, accountId, pipelineId, statusId);
    if (!stage) throw notFound(msg('stage.not_found'));
    if (input.sort !== undefined && input.sort !== stage.sort && stage.kind !== 'open') {
      throw refuse(msg('stage.fixed_keep_places'), 'sort', 'NotSupportedChoice');
    }
    const patch: Updateable<StagesTable> = { updated_at: nowSeconds() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.color !== undefined) patch.color = input.color;
    if (input.sort !== undefined) patch.sort = input.sort;
    return updateStageRow(db, accountId, stage.id, patch);
  });
}

/** A batch of stage updates in one pipeline, in one transaction. */
export function updateStages(
  ctx: Ctx,
  pipelineId: number,
  items: Array<StatusUpdateInput & { id: number }>,
): Promise<Stage[]> {
  return withTransaction(ctx, async (trxCtx) => {
    const out: Stage[] = [];
    for (const [i, item] of items.entries()) {
      out.push(
        await asBatchItem(item.request_id ?? String(i), () => updateStage(trxCtx, pipelineId, item.id, item)),
      );
    }
    return out;
  });
}
