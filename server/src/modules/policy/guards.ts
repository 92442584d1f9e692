import type { RightAction, RightEntity, StageAction } from '@voronka/common';
import { sql } from 'kysely';
import { msg, type MessageKey } from '../../http/messages.ts';
import type { Ctx } from '../context.ts';
import { forbid, hide } from './access-denied.ts';
import { ownerOf } from './policy.repo.ts';
import { canAddDeal, canDeal, canRecord, dealLevel, levelAllows, policyOf, type Owned } from './policy.ts';
import { visibleRecordScope } from './policy.sql.ts';

type DealLike = Owned & { id: number; stage_id: number };

const names: Record<RightEntity, string> = {
  leads: 'deal',
  contacts: 'contact',
  companies: 'company',
  tasks: 'task',
};
/** "this record" in Russian, for "У вас нет права изменять этот контакт". */
const thisRu: Record<Exclude<RightEntity, 'leads'>, string> = {
  contacts: 'этот контакт',
  companies: 'эту компанию',
  tasks: 'эту задачу',
};
const notFoundKeys: Record<Exclude<RightEntity, 'leads'>, MessageKey> = {
  contacts: 'policy.contact_not_found',
  companies: 'policy.company_not_found',
  tasks: 'policy.task_not_found',
};
const actionsRu: Record<RightAction, string> = {
  view: 'видеть',
  edit: 'изменять',
  add: 'добавлять',
  delete: 'удалять',
  export: 'выгружать',
};
const dealRefusals: Record<Exclude<StageAction, 'view'>, MessageKey> = {
  edit: 'policy.deal_edit',
  delete: 'policy.deal_delete',
  export: 'policy.deal_export',
  move_in: 'policy.deal_move_in',
  move_out: 'policy.deal_move_out',
};

/**
 * A deal action by the acting user: a deal out of sight answers 404 (it is absent everywhere),
 * a visible one the user may not touch answers 403. The robot passes.
 */
export async function authorizeDeal(ctx: Ctx, action: StageAction, deal: DealLike): Promise<void> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted) return;
  const base = { entityType: 'leads' as const, entityId: deal.id, action, stageId: deal.stage_id };
  if (!canDeal(policy, 'view', deal))
    throw hide({ ...base, detail: msg('policy.deal_not_found', { id: deal.id }) });
  if (action !== 'view' && !canDeal(policy, action, deal))
    throw forbid({ ...base, detail: msg(dealRefusals[action]) });
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
      detail: msg('policy.move_into_stage'),
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
    detail: msg('policy.create_here'),
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
    throw hide({ ...base, detail: msg(notFoundKeys[entity], { id: record.id }) });
  if (action !== 'view' && !canRecord(policy, entity, action, record))
    throw forbid({
      ...base,
      detail: msg('policy.record_action', {
        action,
        entity: names[entity],
        action_ru: actionsRu[action],
        this_ru: thisRu[entity],
      }),
    });
}

/** Whether the user may see a record (for lookups that answer 404 themselves). */
export async function mayView(ctx: Ctx, entity: RightEntity, record: Owned & { stage_id?: number }) {
  const policy = await policyOf(ctx);
  if (entity === 'leads' && record.stage_id !== undefined)
    return canDeal(policy, 'view', { ...record, stage_id: record.stage_id });
  return canRecord(policy, entity, 'view', record);
}

/**
 * The user may `action` (view or edit) the record `entityType` / `id`: 404 when it is out of
 * sight, 403 when visible but not editable; a missing record passes (the caller answers for it).
 * Notes, links, files and mail follow the rights of the record they belong to.
 */
export async function authorizeEntity(
  ctx: Ctx,
  entityType: 'leads' | 'contacts' | 'companies' | 'tasks',
  action: 'view' | 'edit',
  id: number,
): Promise<void> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted) return;
  const record = await ownerOf(ctx.db, ctx.accountId, entityType, id);
  if (!record) return;
  if (entityType === 'leads' && record.stage_id !== undefined)
    return authorizeDeal(ctx, action, { ...record, stage_id: record.stage_id });
  if (entityType !== 'leads') return authorizeRecord(ctx, entityType, action, record);
}

/** The user may see the record `entityType` / `id` (404 otherwise; a missing record passes). */
export const authorizeEntityView = (
  ctx: Ctx,
  entityType: 'leads' | 'contacts' | 'companies' | 'tasks',
  id: number,
): Promise<void> => authorizeEntity(ctx, entityType, 'view', id);

const tableOf = { leads: 'deals', contacts: 'contacts', companies: 'companies', tasks: 'tasks' } as const;

/** The ids among `ids` of records the user may see (for answers that list other records). */
export async function visibleIdsOf(
  ctx: Ctx,
  entityType: 'leads' | 'contacts' | 'companies' | 'tasks',
  ids: number[],
): Promise<Set<number>> {
  const policy = await policyOf(ctx);
  if (policy.unrestricted || ids.length === 0) return new Set(ids);
  const scope = visibleRecordScope(policy, ctx.accountId, entityType, sql.ref('x.id'));
  if (!scope) return new Set(ids);
  const { rows } = await sql<{ id: number }>`select x.id from ${sql.table(tableOf[entityType])} x
    where x.account_id = ${ctx.accountId} and x.id in (${sql.join([...new Set(ids)])}) and ${scope}`.execute(
    ctx.db,
  );
  return new Set(rows.map((r) => Number(r.id)));
}
