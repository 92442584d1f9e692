import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { refuse } from './errors.ts';
import { countPipelineDeals, deletePipelineRow, findPipeline } from './pipelines.repo.ts';
import { withTransaction } from './with-transaction.ts';

/** Deletes a pipeline and its stages; never the main one, nor one that still holds deals. */
export function deletePipeline(ctx: Ctx, id: number): Promise<void> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    const pipeline = await findPipeline(db, accountId, id);
    if (!pipeline) throw notFound('Pipeline not found');
    if (pipeline.is_main === 1) throw refuse('The main pipeline cannot be deleted', 'id', 'NotDeletable');
    const deals = await countPipelineDeals(db, accountId, id);
    if (deals > 0) {
      throw refuse(
        `The pipeline holds ${deals} deal(s), counting the trash: move or delete them first`,
        'id',
        'NotDeletable',
      );
    }
    await deletePipelineRow(db, accountId, id);
  });
}
