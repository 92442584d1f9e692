import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { refuse } from './errors.ts';
import { countPipelineDeals, deletePipelineRow, findPipeline } from './pipelines.repo.ts';
import { withTransaction } from './with-transaction.ts';

/** Deletes a pipeline and its stages; never the main one, nor one that still holds deals. */
export function deletePipeline(ctx: Ctx, id: number): Promise<void> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    const pipeline = await findPipeline(db, accountId, id);
    if (!pipeline) throw notFound(msg('pipeline.not_found'));
    if (pipeline.is_main === 1) throw refuse(msg('pipeline.main_not_deleted'), 'id', 'NotDeletable');
    const deals = await countPipelineDeals(db, accountId, id);
    if (deals > 0) {
      throw refuse(msg('pipeline.holds_deals', { count: deals }), 'id', 'NotDeletable');
    }
    await deletePipelineRow(db, accountId, id);
  });
}
