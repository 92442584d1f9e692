import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { deleteLossReasonRow } from './loss-reasons.repo.ts';

/** Deletes a loss reason; lost deals that named it stay lost, with no reason. */
export async function deleteLossReason(ctx: Ctx, id: number): Promise<void> {
  if (!(await deleteLossReasonRow(ctx.db, ctx.accountId, id))) throw notFound(msg('loss_reason.not_found'));
}
