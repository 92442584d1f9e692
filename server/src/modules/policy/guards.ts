import type { RightAction, RightEntity, StageAction } from '@voronka/common';
import type { Ctx } from '../context.ts';
import { forbid, hide } from './access-denied.ts';
import { ownerOf } from './policy.repo.ts';
import { canAddDeal, canDeal, canRecord, dealLevel, levelAllows, policyOf, type Owned } from './policy.ts';

type DealLike = Owned & { id: number; stage_id: number };

const names: Record<RightEntity, string> = {
  leads: 'deal',
  contacts: 'contact',
  companies: 'company',
  tasks: 'task',
};

/**
 * A deal action by the acting user: a deal out of sight answers 404 (it is absent everywhere),
 * a visible one the user may not touch answers 403. The robot passes.
 */
export async function authorizeDeal(ctx: Ctx, action: StageAction, deal: DealLike): Promise<void> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted) return;
  const base = { entityType: 'leads' as const, entityId: deal.id, action, stageId: deal.stage_id };
  if (!canDeal(policy, 'view', deal)) throw hide({ ...base, detail: `Deal ${deal.id} not found` });
  if (action !== 'view' && !canDeal(policy, action, deal)) {
    const verb = action === 'move_out' ? 'move this deal out of its stage' : `${action} this deal`;
    throw forbid({ ...base, detail: `You may not ${verb}` });
  }
}

/** Moving a visible deal from its stage into `toStageId`: move out of one, move into the other. */
export async function authorizeDealMove(ctx: Ctx, deal: DealLike, toStageId: number): Promise<void> {
  await authorizeDeal(ctx, 'edit', deal);
  if (toStageId === deal.stage_id) return;
  await authorizeDeal(ctx, 'move_out', deal);
  const policy = await policyOf(ctx);
  if (!levelAllows(policy, dealLevel(policy, 'move_in', toStageId), deal)) {
    throw forbid({
      entityType: 'leads',
      entityId: deal.id,
      action: 'move_in',
      stageId: toStageId,
      detail: 'You may not move deals into this stage',
    });
  }
}

/** Creating a deal in a stage with this responsible user. */
export async function authorizeDealAdd(ctx: Ctx, stageId: number, responsible: number | null): Promise<void> {
  const policy = await policyOf(ctx);
  if (canAddDeal(policy, stageId, responsible)) return;
  throw forbid({
    entityType: 'leads',
    entityId: 0,
    action: 'add',
    stageId,
    detail: 'You may not create deals here',
  });
}

/** An action on a contact, company or task (view failures answer 404). */
export async function authorizeRecord(
  ctx: Ctx,
  entity: Exclude<RightEntity, 'leads'>,
  action: RightAction,
  record: Owned & { id: number },
): Promise<void> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted) return;
  const base = { entityType: entity, entityId: record.id, action };
  if (action !== 'add' && !canRecord(policy, entity, 'view', record))
    throw hide({ ...base, detail: `No ${names[entity]} ${record.id}` });
  if (action !== 'view' && !canRecord(policy, entity, action, record))
    throw forbid({ ...base, detail: `You may not ${action} this ${names[entity]}` });
}

/** Whether the user may see a record (for lookups that answer 404 themselves). */
export async function mayView(ctx: Ctx, entity: RightEntity, record: Owned & { stage_id?: number }) {
  const policy = await policyOf(ctx);
  if (entity === 'leads' && record.stage_id !== undefined)
    return canDeal(policy, 'view', { ...record, stage_id: record.stage_id });
  return canRecord(policy, entity, 'view', record);
}

/** The user may see the record `entityType` / `id` (404 otherwise; a missing record passes). */
export async function authorizeEntityView(
  ctx: Ctx,
  entityType: 'leads' | 'contacts' | 'companies' | 'tasks',
  id: number,
): Promise<void> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted) return;
  const record = await ownerOf(ctx.db, ctx.accountId, entityType, id);
  if (!record) return;
  if (entityType === 'leads' && record.stage_id !== undefined)
    return authorizeDeal(ctx, 'view', { ...record, stage_id: record.stage_id });
  if (entityType !== 'leads') return authorizeRecord(ctx, entityType, 'view', record);
}
