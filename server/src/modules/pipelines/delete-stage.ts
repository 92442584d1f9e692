import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { moveStageDeals } from '../deals/move-stage-deals.ts';
import { refuse } from './errors.ts';
import { findStatusInPipeline, isFixedStatusId } from './status-ids.ts';
import { countStageDeals, countStages, deleteStageRow, findStage, listStages } from './stages.repo.ts';
import { withTransaction } from './with-transaction.ts';

/**
 * Deletes an open stage. A stage that holds deals needs a target (`moveTo`, an amoCRM status id:
 * 142 / 143 mean this pipeline's won / lost, any other id a stage of the account); the deals move
 * there with their stage-change events. The incoming, won and lost stages and a pipeline's last
 * open stage cannot be deleted.
 */
export function deleteStage(ctx: Ctx, pipelineId: number, statusId: number, moveTo?: number): Promise<void> {
  return withTransaction(ctx, async (trxCtx) => {
    const { db, accountId } = trxCtx;
    const stage = await findStatusInPipeline(db, accountId, pipelineId, statusId);
    if (!stage) throw notFound(msg('stage.not_found'));
    if (stage.kind !== 'open') {
      throw refuse(msg('stage.fixed_not_deleted'), 'id', 'NotDeletable');
    }
    if ((await countStages(db, accountId, pipelineId, 'open')) <= 1) {
      throw refuse(msg('stage.keep_one_open'), 'id', 'NotDeletable');
    }
    const live = await countStageDeals(db, accountId, stage.id, true);
    const all = await countStageDeals(db, accountId, stage.id, false);
    let target;
    if (moveTo !== undefined) {
      target = isFixedStatusId(moveTo)
        ? await findStatusInPipeline(db, accountId, pipelineId, moveTo)
        : await findStage(db, accountId, moveTo);
      if (!target || target.id === stage.id) {
        throw refuse(msg('stage.bad_move_to'), 'move_to', 'NotFound');
      }
    } else if (live > 0) {
      throw refuse(msg('stage.holds_deals', { count: live }), 'move_to', 'Required');
    } else if (all > 0) {
      // Only deals in the trash remain: they go to the first other open stage, to be restorable.
      target = (await listStages(db, accountId, [pipelineId])).find(
        (s) => s.kind === 'open' && s.id !== stage.id,
      );
    }
    if (target && all > 0) await moveStageDeals(trxCtx, stage, target);
    await deleteStageRow(db, accountId, stage.id);
  });
}
