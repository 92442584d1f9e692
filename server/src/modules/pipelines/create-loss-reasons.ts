import { nowSeconds } from '../../db/schema-helpers.ts';
import type { LossReason } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { insertLossReasons, maxLossReasonSort } from './loss-reasons.repo.ts';
import type { LossReasonCreateInput } from './pipelines.schema.ts';
import { withTransaction } from './with-transaction.ts';

/** Adds loss reasons; without a sort each lands after the last one. */
export function createLossReasons(ctx: Ctx, items: LossReasonCreateInput[]): Promise<LossReason[]> {
  return withTransaction(ctx, async ({ db, accountId }) => {
    let last = await maxLossReasonSort(db, accountId);
    const now = nowSeconds();
    return insertLossReasons(
      db,
      items.map((item) => {
        const sort = item.sort ?? last + 1;
        last = Math.max(last, sort);
        return { account_id: accountId, name: item.name, sort, created_at: now, updated_at: now };
      }),
    );
  });
}
