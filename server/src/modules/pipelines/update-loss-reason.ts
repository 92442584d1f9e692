import type { Updateable } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { LossReason, LossReasonsTable } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { updateLossReasonRow } from './loss-reasons.repo.ts';
import type { LossReasonUpdateInput } from './pipelines.schema.ts';

export async function updateLossReason(
  ctx: Ctx,
  id: number,
  input: LossReasonUpdateInput,
): Promise<LossReason> {
  const patch: Updateable<LossReasonsTable> = { updated_at: nowSeconds() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.sort !== undefined) patch.sort = input.sort;
  const row = await updateLossReasonRow(ctx.db, ctx.accountId, id, patch);
  if (!row) throw notFound(msg('loss_reason.not_found'));
  return row;
}
