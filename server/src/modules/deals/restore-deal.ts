import { positionBetween } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Deal } from '../../db/types-crm.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeDeal } from '../policy/guards.ts';
import { findDeal, topPosition, updateDealRow } from './deals.repo.ts';

/** Takes a deal out of the trash, back on top of the stage it was in. */
export function restoreDeal(ctx: Ctx, id: number): Promise<Deal> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId, userId } = c;
    const deal = await findDeal(db, accountId, id, { includeDeleted: true });
    if (!deal || deal.deleted_at === null) throw notFound(`No deleted deal ${id}`);
    await authorizeDeal(c, 'delete', deal);
    const now = nowSeconds();
    const position =
      positionBetween(
        null,
        await topPosition(db, accountId, { id: deal.stage_id, pipeline_id: deal.pipeline_id }),
      ) ?? 0;
    const restored = await updateDealRow(db, accountId, id, {
      deleted_at: null,
      position,
      updated_at: now,
      updated_by: userId,
    });
    await recordEvents(db, [
      { accountId, type: 'deal.restored', entityType: 'leads', entityId: id, createdBy: userId },
    ]);
    return restored;
  });
}
