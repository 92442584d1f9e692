import { POSITION_STEP } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Stage } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { positionBounds, shiftStageDeals, stageDealIds } from './board.repo.ts';
import { isClosedKind, stageEventValue } from './deal-stage.ts';

/**
 * Moves all deals of a stage (trash included) below the cards of another, keeping their order,
 * with a stage-change event for each live one. Used when a stage is deleted.
 */
export async function moveStageDeals(ctx: Ctx, from: Stage, to: Stage): Promise<number> {
  const { db, accountId, userId } = ctx;
  const deals = await stageDealIds(db, accountId, from.id);
  if (deals.length === 0) return 0;
  const source = await positionBounds(db, accountId, from.id);
  const target = await positionBounds(db, accountId, to.id);
  const offset = target.max === null ? 0 : target.max + POSITION_STEP - (source.min ?? 0);
  const now = nowSeconds();
  await shiftStageDeals(
    db,
    accountId,
    from.id,
    {
      stage_id: to.id,
      pipeline_id: to.pipeline_id,
      stage_entered_at: now,
      closed_at: isClosedKind(to) ? now : null,
      loss_reason_id: null,
      updated_at: now,
      updated_by: userId,
    },
    offset,
  );
  await recordEvents(
    db,
    deals
      .filter((d) => d.deleted_at === null)
      .map((d): EventInput => ({
        accountId,
        type: 'deal.stage_changed',
        entityType: 'leads',
        entityId: d.id,
        createdBy: userId,
        before: [stageEventValue(from)],
        after: [stageEventValue(to)],
      })),
  );
  return deals.length;
}
