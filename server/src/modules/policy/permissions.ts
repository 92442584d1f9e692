import type { DealCan, StageCan } from '@voronka/common';
import { canAddDeal, canDeal, dealLevel, type Owned, type Policy } from './policy.ts';

/** What the user may do with a card, so the board disables what the server would refuse. */
export const dealCan = (policy: Policy, deal: Owned & { stage_id: number }): DealCan => {
  const edit = canDeal(policy, 'edit', deal);
  return {
    edit,
    delete: canDeal(policy, 'delete', deal),
    move_out: edit && canDeal(policy, 'move_out', deal),
  };
};

/** What the user may do in a column: drop cards into it, create deals in it. */
export const stageCan = (policy: Policy, stageId: number): StageCan => ({
  move_in: dealLevel(policy, 'move_in', stageId) !== 'denied',
  add: canAddDeal(policy, stageId, policy.userId),
});
