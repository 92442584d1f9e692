import type { BoardDeal } from '@voronka/common';
import type { DealRow } from './deals.repo.ts';

/** A deal as a kanban card. */
export const presentCard = (
  deal: DealRow,
  mainContact: { id: number; name: string } | undefined,
): BoardDeal => ({
  id: deal.id,
  name: deal.name,
  price: deal.price,
  pipeline_id: deal.pipeline_id,
  stage_id: deal.stage_id,
  position: deal.position,
  responsible_user_id: deal.responsible_user_id,
  created_at: deal.created_at,
  updated_at: deal.updated_at,
  stage_entered_at: deal.stage_entered_at,
  closed_at: deal.closed_at,
  closest_task_at: deal.closest_task_at,
  main_contact: mainContact ?? null,
});
