import type { DealSignalKind } from '@voronka/common';
import { findDeal } from '../deals/deals.repo.ts';
import type { Ctx } from '../context.ts';
import { fireSignal } from './engine/fire.ts';

/**
 * Tells the digital pipeline that something happened on a deal outside its own fields: an
 * incoming email, call, chat message or form submission (raised by the inbox, telephony and
 * forms), an opened email or clicked link, an answered questionnaire. Fires the matching
 * triggers of the deal's current stage, in the caller's transaction (`ctx.db`), so the runs
 * exist iff the caller's change commits. Returns the runs scheduled (0 without a job queue,
 * e.g. in tests of other modules, or for a deal in the trash).
 */
export async function raiseDealSignal(
  ctx: Ctx,
  dealId: number,
  kind: DealSignalKind,
  opts: { depth?: number } = {},
): Promise<number> {
  if (!ctx.queue) return 0;
  const deal = await findDeal(ctx.db, ctx.accountId, dealId);
  if (!deal) return 0;
  return fireSignal(ctx.db, ctx.queue, {
    accountId: ctx.accountId,
    dealId,
    pipelineId: deal.pipeline_id,
    stageId: deal.stage_id,
    kinds: [kind],
    atMs: Date.now(),
    depth: opts.depth ?? 0,
    name: kind,
  });
}
