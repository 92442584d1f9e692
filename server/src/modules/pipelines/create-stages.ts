import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Stage } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { MAX_STAGES } from './create-pipeline.ts';
import { OPEN_SORT_STEP } from './default-pipeline.ts';
import { refuse } from './errors.ts';
import { findPipeline } from './pipelines.repo.ts';
import type { StatusCreateInput } from './pipelines.schema.ts';
import { countStages, insertStages, maxOpenStageSort } from './stages.repo.ts';
import { withTransaction } from './with-transaction.ts';

/** Adds open stages to a pipeline; without a sort each lands after the last open stage. */
export function createStages(ctx: Ctx, pipelineId: number, items: StatusCreateInput[]): Promise<Stage[]> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    if (!(await findPipeline(db, accountId, pipelineId))) throw notFound(msg('pipeline.not_found'));
    const existing = await countStages(db, accountId, pipelineId);
    if (existing + items.length > MAX_STAGES) {
      throw refuse(msg('pipeline.max_stages', { max: MAX_STAGES }), 'name', 'LimitExceeded');
    }
    let last = await maxOpenStageSort(db, accountId, pipelineId);
    const now = nowSeconds();
    const rows = items.map((item) => {
      const sort = item.sort ?? last + OPEN_SORT_STEP;
      last = Math.max(last, sort);
      return {
        account_id: accountId,
        pipeline_id: pipelineId,
        name: item.name,
        kind: 'open' as const,
        sort,
        color: item.color ?? '#99ccff',
        created_at: now,
        updated_at: now,
      };
    });
    return insertStages(db, rows);
  });
}
