import { positionBetween } from '@voronka/common';
import type { Updateable } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Deal, DealsTable } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import { checkUsers } from '../contacts/check-users.ts';
import type { Ctx } from '../context.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { asBatchItem } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { authorizeDeal, authorizeDealMove } from '../policy/guards.ts';
import { enforceDealRules } from '../process/enforce-deal-rules.ts';
import { checkLossReason, resolveDealStage, stageChangePatch, stageEventValue } from './deal-stage.ts';
import { findDeal, topPosition, updateDealRow, userGroupId } from './deals.repo.ts';
import type { DealUpdateInput } from './deals.schema.ts';
import { checkLinks, linkDealContacts, setDealCompany } from './link-deal-entities.ts';

/**
 * Changes a deal as amoCRM's PATCH does: name, price, responsible, stage or pipeline (won / lost
 * close it, reopening clears closed_at and the loss reason), fields, tags, links. Each change
 * writes its event; nothing is written when any part is invalid.
 */
export function updateDeal(ctx: Ctx, id: number, input: DealUpdateInput): Promise<Deal> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const deal = await findDeal(db, accountId, id);
    if (!deal) throw notFound(msg('deal.not_found', { id }));
    await authorizeDeal(c, 'edit', deal);
    const errors: FieldError[] = [];
    const target = await resolveDealStage(c, input, deal, errors);
    if (target) await authorizeDealMove(c, deal, target.id);
    errors.push(...(await checkUsers(c, { responsible_user_id: input.responsible_user_id }, '')));
    await checkLossReason(c, input.loss_reason_id, errors);
    await checkLinks(c, input._embedded, errors);
    if (errors.length > 0) throw badRequest(errors);

    const now = nowSeconds();
    let patch: Updateable<DealsTable> = { updated_at: input.updated_at ?? now, updated_by: c.userId };
    const events: EventInput[] = [];
    const event = (e: Pick<EventInput, 'type' | 'before' | 'after'>) =>
      events.push({ accountId, entityType: 'leads', entityId: id, createdBy: c.userId, ...e });

    if (input.name !== undefined && input.name !== '' && input.name !== deal.name) {
      patch.name = input.name;
      patch.name_lc = input.name.toLowerCase();
      event({ type: 'deal.name_changed', before: [{ name: deal.name }], after: [{ name: input.name }] });
    }
    if (input.price !== undefined && input.price !== deal.price) {
      patch.price = input.price;
      patch.price_modified_by_robot = c.userId === 0 ? 1 : 0;
      event({ type: 'deal.price_changed', before: [{ price: deal.price }], after: [{ price: input.price }] });
    }
    if (input.responsible_user_id !== undefined && input.responsible_user_id !== deal.responsible_user_id) {
      patch.responsible_user_id = input.responsible_user_id;
      patch.group_id = await userGroupId(db, accountId, input.responsible_user_id);
      event({
        type: 'entity.responsible_changed',
        before: [{ responsible_user_id: deal.responsible_user_id }],
        after: [{ responsible_user_id: input.responsible_user_id }],
      });
    }
    const stage = target ?? { id: deal.stage_id, pipeline_id: deal.pipeline_id, kind: deal.stage_kind };
    const moved = stage.id !== deal.stage_id;
    if (moved || input.loss_reason_id !== undefined || input.closed_at !== undefined) {
      const position = moved
        ? (positionBetween(null, await topPosition(db, accountId, stage)) ?? 0)
        : deal.position;
      const closing = { lossReasonId: input.loss_reason_id, closedAt: input.closed_at, position, now };
      patch = { ...patch, ...stageChangePatch(deal, stage, closing) };
    }
    if (moved) {
      event({
        type: 'deal.stage_changed',
        before: [
          stageEventValue({ id: deal.stage_id, kind: deal.stage_kind, pipeline_id: deal.pipeline_id }),
        ],
        after: [stageEventValue(stage)],
      });
    }
    const updated = await updateDealRow(db, accountId, id, patch);
    await recordEvents(db, events);

    await linkDealContacts(c, id, input._embedded?.contacts ?? []);
    const companies = input._embedded?.companies;
    if (companies) await setDealCompany(c, deal, companies[0]?.id ?? null, updated.updated_at);
    if (input.custom_fields_values) {
      await writeFieldValues(c, 'leads', id, input.custom_fields_values);
    }
    const tags = input._embedded?.tags;
    if (tags !== undefined) await setEntityTags(c, 'leads', id, tags ?? [], 'replace');
    if (input.tags_to_add?.length) await setEntityTags(c, 'leads', id, input.tags_to_add, 'add');
    if (input.tags_to_delete?.length) {
      await setEntityTags(c, 'leads', id, input.tags_to_delete, 'remove');
    }
    const becameLost = stage.kind === 'lost' && (moved || deal.stage_kind !== 'lost');
    await enforceDealRules(c, id, { enteredStageId: moved ? stage.id : null, becameLost });
    return updated;
  });
}

/** PATCH /api/v4/leads: up to 250 deals in one transaction; an error anywhere writes nothing. */
export function updateDeals(ctx: Ctx, items: Array<DealUpdateInput & { id: number }>): Promise<Deal[]> {
  return withTransaction(ctx, async (c) => {
    const out: Deal[] = [];
    for (const [i, item] of items.entries()) {
      out.push(await asBatchItem(item.request_id ?? String(i), () => updateDeal(c, item.id, item)));
    }
    return out;
  });
}
