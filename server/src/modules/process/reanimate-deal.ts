import { LOST_STATUS_ID } from '@voronka/common';
import { msg, type Msg } from '../../http/messages.ts';
import { badRequest, fieldError, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { createDeal } from '../deals/create-deal.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { updateDeal } from '../deals/update-deal.ts';
import { recordEvents } from '../events/record-event.ts';
import { readFieldValues } from '../fields/field-values.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeDeal } from '../policy/guards.ts';
import { conditionHolds, loadDealSnapshot } from './deal-snapshot.ts';
import { findRuleRow, parseRule, type Rule } from './rules.repo.ts';
import { builtinNamesRu } from './rules.schema.ts';

const DAY = 86_400;

/** Why a deal may not be reanimated under a rule (empty: it may). */
export async function reanimationBlockers(
  ctx: Ctx,
  rule: Rule<'reanimation'>,
  dealId: number,
): Promise<Msg[]> {
  const s = await loadDealSnapshot(ctx.db, ctx.accountId, dealId);
  if (!s) return [msg('process.blocker_not_found')];
  const out: Msg[] = [];
  if (s.deal.pipeline_id !== rule.pipeline_id) out.push(msg('process.blocker_other_pipeline'));
  if (s.deal.closed_at !== null) out.push(msg('process.blocker_closed'));
  const days = (Date.now() / 1000 - s.deal.created_at) / DAY;
  if (days < rule.config.min_days)
    out.push(msg('process.blocker_days', { days: Math.floor(days), min: rule.config.min_days }));
  for (const tag of rule.config.exclude_tags)
    if (s.tags.has(tag.toLowerCase())) out.push(msg('process.blocker_tag', { tag }));
  for (const c of rule.config.conditions)
    if (!conditionHolds(s, c))
      out.push(
        msg('process.blocker_condition', {
          field: 'field_id' in c.field ? `field ${c.field.field_id}` : c.field.builtin,
          field_ru: 'field_id' in c.field ? `#${c.field.field_id}` : builtinNamesRu[c.field.builtin],
        }),
      );
  return out;
}

async function ruleOf(ctx: Ctx, ruleId: number): Promise<Rule<'reanimation'>> {
  const row = await findRuleRow(ctx.db, ctx.accountId, ruleId);
  const rule = row && row.is_active === 1 ? parseRule(row, 'reanimation') : null;
  if (!rule) throw notFound(msg('process.reanimation_not_found'));
  return rule;
}

/** The reanimation rules that apply to a deal, each with its blockers (for the card's button). */
export async function reanimationOptions(ctx: Ctx, dealId: number) {
  const deal = await findDeal(ctx.db, ctx.accountId, dealId);
  if (!deal) throw notFound(msg('deal.not_found', { id: dealId }));
  await authorizeDeal(ctx, 'view', deal);
  const rows = await ctx.db
    .selectFrom('process_rules')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('kind', '=', 'reanimation')
    .where('is_active', '=', 1)
    .where('pipeline_id', '=', deal.pipeline_id)
    .execute();
  const out = [];
  for (const row of rows) {
    const rule = parseRule(row, 'reanimation');
    if (!rule) continue;
    const blockers = await reanimationBlockers(ctx, rule, dealId);
    out.push({ rule_id: rule.id, name: rule.name, target_stage_id: rule.config.target_stage_id, blockers });
  }
  return out;
}

/**
 * Seed 001 "close and re-create": closes the deal as lost with the reason (as the user, so their
 * rights and the process rules apply) and creates a new deal in the rule's stage with its
 * contacts, company, field values, tags plus the rule's tag, linked to the old one by
 * `reanimated_from_id` and a `deal.reanimated` event on both.
 */
export function reanimateDeal(
  ctx: Ctx,
  dealId: number,
  input: { rule_id: number; loss_reason_id?: number | undefined; name?: string | undefined },
): Promise<{ old_id: number; new_id: number }> {
  return withTransaction(ctx, async (c) => {
    const deal = await findDeal(c.db, c.accountId, dealId);
    if (!deal) throw notFound(msg('deal.not_found', { id: dealId }));
    await authorizeDeal(c, 'edit', deal);
    const rule = await ruleOf(c, input.rule_id);
    const errors: FieldError[] = (await reanimationBlockers(c, rule, dealId)).map((m) =>
      fieldError('ConditionNotMet', 'rule_id', m),
    );
    if (rule.config.loss_reason_required && input.loss_reason_id === undefined)
      errors.push(fieldError('NotSupplied', 'loss_reason_id', msg('process.say_why_lost')));
    if (errors.length > 0) throw badRequest(errors);

    const snapshot = await loadDealSnapshot(c.db, c.accountId, dealId);
    const fields = (await readFieldValues(c.db, c.accountId, 'leads', [dealId])).get(dealId) ?? [];
    const tags = await c.db
      .selectFrom('entity_tags')
      .innerJoin('tags', 'tags.id', 'entity_tags.tag_id')
      .select(['tags.name'])
      .where('entity_tags.account_id', '=', c.accountId)
      .where('entity_tags.entity_type', '=', 'leads')
      .where('entity_tags.entity_id', '=', dealId)
      .execute();
    const main = await c.db
      .selectFrom('deal_contacts')
      .select(['contact_id', 'is_main'])
      .where('account_id', '=', c.accountId)
      .where('deal_id', '=', dealId)
      .execute();

    await updateDeal(c, dealId, {
      status_id: LOST_STATUS_ID,
      pipeline_id: deal.pipeline_id,
      ...(input.loss_reason_id === undefined ? {} : { loss_reason_id: input.loss_reason_id }),
    });
    const created = await createDeal(c, {
      name: input.name ?? deal.name,
      price: deal.price,
      status_id: rule.config.target_stage_id,
      ...(deal.responsible_user_id === null ? {} : { responsible_user_id: deal.responsible_user_id }),
      custom_fields_values: fields.map((f) => ({ field_id: f.field_id, values: f.values })),
      _embedded: {
        tags: [
          ...tags.map((t) => ({ name: t.name })),
          ...(rule.config.tag ? [{ name: rule.config.tag }] : []),
        ],
        contacts: (snapshot?.contactIds ?? []).map((id) => ({
          id,
          is_main: main.some((m) => m.contact_id === id && m.is_main === 1),
        })),
        companies: deal.company_id === null ? [] : [{ id: deal.company_id }],
      },
    });
    await c.db
      .updateTable('deals')
      .set({ reanimated_from_id: dealId })
      .where('account_id', '=', c.accountId)
      .where('id', '=', created.id)
      .execute();
    const event = (entityId: number, value: object) => ({
      accountId: c.accountId,
      type: 'deal.reanimated' as const,
      entityType: 'leads' as const,
      entityId,
      createdBy: c.userId,
      after: [value],
    });
    await recordEvents(c.db, [
      event(dealId, { new_deal_id: created.id, rule_id: rule.id }),
      event(created.id, { old_deal_id: dealId, rule_id: rule.id }),
    ]);
    return { old_id: dealId, new_id: created.id };
  });
}
