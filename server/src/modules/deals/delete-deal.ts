import { nowSeconds } from '../../db/schema-helpers.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeDeal } from '../policy/guards.ts';
import { findDeal, updateDealRow } from './deals.repo.ts';

/** Moves a deal to the trash (restorable); a Voronka extension, amoCRM's API cannot delete leads. */
export function deleteDeal(ctx: Ctx, id: number): Promise<void> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId, userId } = c;
    const deal = await findDeal(db, accountId, id);
    if (!deal) throw notFound(msg('deal.not_found', { id }));
    await authorizeDeal(c, 'delete', deal);
    const now = nowSeconds();
    await updateDealRow(db, accountId, id, { deleted_at: now, updated_at: now, updated_by: userId });
    await recordEvents(db, [
      { accountId, type: 'deal.deleted', entityType: 'leads', entityId: id, createdBy: userId },
    ]);
  });
}
