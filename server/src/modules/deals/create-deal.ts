import { positionBetween } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Deal } from '../../db/types-crm.ts';
import { badRequest, type FieldError } from '../../http/problem.ts';
import { checkUsers } from '../contacts/check-users.ts';
import type { Ctx } from '../context.ts';
import type { EventInput } from '../events/record-event.ts';
import { recordEvents } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { asBatchItem } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { authorizeDealAdd } from '../policy/guards.ts';
import { enforceDealRules } from '../process/enforce-deal-rules.ts';
import { checkLossReason, resolveDealStage, stageChangePatch, stageEventValue } from './deal-stage.ts';
import { insertDeal, topPosition, updateDealRow, userGroupId } from './deals.repo.ts';
import type { DealCreateInput } from './deals.schema.ts';
import { checkLinks, linkDealContacts } from './link-deal-entities.ts';

const defaultName = (locale: string, id: number) => (locale === 'en' ? `Deal #${id}` : `Сделка #${id}`);

/**
 * Creates a deal: in the main pipeline unless `pipeline_id` says otherwise, at the first open stage
 * unless `status_id` names one (incoming leads only when asked), responsible the caller by default,
 * on top of its stage's column, with its fields, tags, contacts and company, and its events.
 */
export function createDeal(ctx: Ctx, input: DealCreateInput): Promise<Deal> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const errors: FieldError[] = [];
    const stage = await resolveDealStage(c, input, null, errors);
    errors.push(...(await checkUsers(c, input, '')));
    await checkLossReason(c, input.loss_reason_id, errors);
    await checkLinks(c, input._embedded, errors);
    if (errors.length > 0 || !stage) throw badRequest(errors);

    const now = nowSeconds();
    const createdAt = input.created_at ?? now;
    const author = input.created_by ?? c.userId;
    const responsible = input.responsible_user_id ?? (c.userId === 0 ? null : c.userId);
    await authorizeDealAdd(c, stage.id, responsible);
    const price = input.price ?? 0;
    const placed = stageChangePatch(null, stage, {
      lossReasonId: input.loss_reason_id,
      closedAt: input.closed_at,
      position: positionBetween(null, await topPosition(db, accountId, stage)) ?? 0,
      now: createdAt,
    });
    const name = input.name ?? '';
    const company = input._embedded?.companies?.[0];
    let deal = await insertDeal(db, {
      account_id: accountId,
      name,
      name_lc: name.toLowerCase(),
      price,
      price_modified_by_robot: author === 0 && price > 0 ? 1 : 0,
      responsible_user_id: responsible,
      group_id: await userGroupId(db, accountId, responsible),
      pipeline_id: stage.pipeline_id,
      stage_id: stage.id,
      stage_entered_at: placed.closed_at ?? createdAt,
      position: placed.position ?? 0,
      loss_reason_id: placed.loss_reason_id ?? null,
      closed_at: placed.closed_at ?? null,
      company_id: company?.id ?? null,
      created_by: author,
      updated_by: input.updated_by ?? author,
      created_at: createdAt,
      updated_at: input.updated_at ?? createdAt,
    });
    if (name === '') {
      const auto = defaultName(c.account.locale, deal.id);
      deal = await updateDealRow(db, accountId, deal.id, { name: auto, name_lc: auto.toLowerCase() });
    }
    const created: EventInput = {
      accountId,
      type: 'deal.created',
      entityType: 'leads',
      entityId: deal.id,
      createdBy: author,
      after: [{ name: deal.name, price, responsible_user_id: responsible, ...stageEventValue(stage) }],
    };
    const linked: EventInput[] = company
      ? [{ ...created, type: 'entity.linked', after: [{ entity_type: 'companies', entity_id: company.id }] }]
      : [];
    await recordEvents(db, [created, ...linked]);

    await linkDealContacts(c, deal.id, input._embedded?.contacts ?? []);
    if (input.custom_fields_values) {
      await writeFieldValues(c, 'leads', deal.id, input.custom_fields_values);
    }
    if (input._embedded?.tags?.length)
      await setEntityTags(c, 'leads', deal.id, input._embedded.tags, 'replace');
    if (input.tags_to_add?.length) await setEntityTags(c, 'leads', deal.id, input.tags_to_add, 'add');
    // A new deal is validated, but stage-entry requirements are for moves (quick-add stays quick).
    await enforceDealRules(c, deal.id, { enteredStageId: null, becameLost: stage.kind === 'lost' });
    return deal;
  });
}

/** POST /api/v4/leads: up to 250 deals in one transaction; an error anywhere writes nothing. */
export function createDeals(ctx: Ctx, items: DealCreateInput[]): Promise<Deal[]> {
  return withTransaction(ctx, async (c) => {
    const out: Deal[] = [];
    for (const [i, item] of items.entries()) {
      out.push(await asBatchItem(item.request_id ?? String(i), () => createDeal(c, item)));
    }
    return out;
  });
}
