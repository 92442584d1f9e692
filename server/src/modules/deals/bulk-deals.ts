import type { DealBulkInput, DealBulkResult } from '@voronka/common';
import { ProblemError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { deleteDeal } from './delete-deal.ts';
import { moveDeal } from './move-deal.ts';
import { updateDeal } from './update-deal.ts';

/** The detail a refused item reports: the first field error, else the problem's detail. */
function reason(error: unknown): string {
  if (error instanceof ProblemError) {
    const groups = error.extra['validation-errors'];
    if (Array.isArray(groups)) {
      for (const g of groups) {
        const first: unknown =
          g && typeof g === 'object' && 'errors' in g && Array.isArray(g.errors) ? g.errors[0] : null;
        if (first && typeof first === 'object' && 'detail' in first && typeof first.detail === 'string')
          return first.detail;
      }
    }
    return error.detail;
  }
  throw error;
}

/**
 * Applies one action to each selected deal through the same commands the API uses, each deal in
 * its own transaction: a deal that is refused (gone, or the change is invalid) is reported and
 * the others still change.
 */
export async function bulkDeals(ctx: Ctx, input: DealBulkInput): Promise<DealBulkResult> {
  const { action } = input;
  const failed: DealBulkResult['failed'] = [];
  let done = 0;
  for (const id of new Set(input.ids)) {
    try {
      if (action.type === 'move') {
        await moveDeal(ctx, id, { stage_id: action.stage_id, loss_reason_id: action.loss_reason_id });
      } else if (action.type === 'responsible') {
        await updateDeal(ctx, id, { responsible_user_id: action.user_id });
      } else if (action.type === 'add_tags') {
        await updateDeal(ctx, id, { tags_to_add: action.tags.map((name) => ({ name })) });
      } else if (action.type === 'remove_tags') {
        await updateDeal(ctx, id, { tags_to_delete: action.tags.map((name) => ({ name })) });
      } else {
        await deleteDeal(ctx, id);
      }
      done += 1;
    } catch (error) {
      failed.push({ id, detail: reason(error) });
    }
  }
  return { done, failed };
}
