import type { Updateable } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Pipeline, PipelinesTable } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { asBatchItem, refuse } from './errors.ts';
import { clearMainPipeline, findPipeline, updatePipelineRow } from './pipelines.repo.ts';
import type { PipelineUpdateInput } from './pipelines.schema.ts';
import { withTransaction } from './with-transaction.ts';

/**
 * Renames, re-sorts, archives or makes a pipeline the main one. There is always exactly one main
 * pipeline: making one main unmarks the other, and the main one can be neither unmarked directly
 * nor archived.
 */
export function updatePipeline(ctx: Ctx, id: number, input: PipelineUpdateInput): Promise<Pipeline> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    const pipeline = await findPipeline(db, accountId, id);
    if (!pipeline) throw notFound(msg('pipeline.not_found'));
    const wasMain = pipeline.is_main === 1;
    if (wasMain && input.is_main === false) {
      throw refuse(msg('pipeline.make_another_main'), 'is_main', 'NotSupportedChoice');
    }
    const willBeMain = wasMain || input.is_main === true;
    const willBeArchived = input.is_archive ?? pipeline.is_archive === 1;
    if (willBeMain && willBeArchived) {
      throw refuse(msg('pipeline.main_not_archived'), 'is_archive', 'NotSupportedChoice');
    }
    const now = nowSeconds();
    const patch: Updateable<PipelinesTable> = { updated_at: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.sort !== undefined) patch.sort = input.sort;
    if (input.is_unsorted_on !== undefined) patch.is_unsorted_on = input.is_unsorted_on ? 1 : 0;
    if (input.is_archive !== undefined) patch.is_archive = input.is_archive ? 1 : 0;
    if (input.is_main === true && !wasMain) {
      await clearMainPipeline(db, accountId, now);
      patch.is_main = 1;
    }
    return updatePipelineRow(db, accountId, id, patch);
  });
}

/** A batch of pipeline updates in one transaction. */
export function updatePipelines(
  ctx: Ctx,
  items: Array<PipelineUpdateInput & { id: number }>,
): Promise<Pipeline[]> {
  return withTransaction(ctx, async (trxCtx) => {
    const out: Pipeline[] = [];
    for (const [i, item] of items.entries()) {
      out.push(await asBatchItem(item.request_id ?? String(i), () => updatePipeline(trxCtx, item.id, item)));
    }
    return out;
  });
}
