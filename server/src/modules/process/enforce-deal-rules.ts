import { z } from 'zod';
import { msg } from '../../http/messages.ts';
import { fieldError, problem, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { conditionHolds, hasValue, loadDealSnapshot, type DealSnapshot } from './deal-snapshot.ts';
import { listRuleRows, parseRule, type Rule } from './rules.repo.ts';
import { builtinNamesRu, type Condition, type FieldRef } from './rules.schema.ts';

/** What a write did to the deal, as far as the rules care. */
export type DealChange = {
  /** The stage the deal entered (created in, or moved into), or null when it stayed. */
  enteredStageId: number | null;
  /** The deal was closed as lost by this write. */
  becameLost: boolean;
};

/** A field the UI should ask for (the modal of required fields). */
export type MissingField = { field_id: number | null; builtin: string | null; name: string };

const requiredStatuses = z.array(z.object({ status_id: z.number(), pipeline_id: z.number() }));

const inScope = (rule: Rule, deal: { pipeline_id: number; stage_id: number }) =>
  (rule.pipeline_id === null || rule.pipeline_id === deal.pipeline_id) &&
  (rule.stage_id === null || rule.stage_id === deal.stage_id);

const refPath = (ref: FieldRef) => ('field_id' in ref ? `custom_fields_values.${ref.field_id}` : ref.builtin);

const opWords: Record<Condition['op'], { en: string; ru: string }> = {
  eq: { en: 'equal', ru: 'быть равно' },
  neq: { en: 'differ from', ru: 'отличаться от' },
  lt: { en: 'be below', ru: 'быть меньше' },
  lte: { en: 'be at most', ru: 'быть не больше' },
  gt: { en: 'be above', ru: 'быть больше' },
  gte: { en: 'be at least', ru: 'быть не меньше' },
  empty: { en: 'be empty', ru: 'быть пустым' },
  not_empty: { en: 'be filled in', ru: 'быть заполнено' },
};

/**
 * Enforces the process rules after a deal write, inside its transaction (a refusal rolls the
 * write back): the fields required to enter a stage (custom fields' required_statuses and
 * required-fields rules), the loss reason when closing as lost, and the validation rules of the
 * deal's pipeline / stage / tag. Robot writes are exempt unless a rule says otherwise.
 */
export async function enforceDealRules(ctx: Ctx, dealId: number, change: DealChange): Promise<void> {
  const { db, accountId } = ctx;
  const robot = ctx.userId === 0;
  const rows = await listRuleRows(db, accountId, { activeOnly: true });
  const applies = (r: { config: { apply_to_robot: boolean } }) => !robot || r.config.apply_to_robot;
  const required = rows.flatMap((r) => parseRule(r, 'required_fields') ?? []).filter(applies);
  const lossRules = rows.flatMap((r) => parseRule(r, 'loss_reason') ?? []).filter(applies);
  const validations = rows.flatMap((r) => parseRule(r, 'validation') ?? []).filter(applies);
  const fieldRules = change.enteredStageId !== null && !robot;
  if (!fieldRules && required.length === 0 && lossRules.length === 0 && validations.length === 0) return;

  const snapshot = await loadDealSnapshot(db, accountId, dealId);
  if (!snapshot) return;
  const { deal } = snapshot;
  const fieldNames = new Map(
    (
      await db
        .selectFrom('custom_fields')
        .select(['id', 'name', 'required_statuses'])
        .where('account_id', '=', accountId)
        .where('entity_type', '=', 'leads')
        .where('deleted_at', 'is', null)
        .execute()
    ).map((f) => [f.id, f]),
  );
  const nameOf = (ref: FieldRef) =>
    'field_id' in ref ? (fieldNames.get(ref.field_id)?.name ?? `#${ref.field_id}`) : ref.builtin;
  const nameRu = (ref: FieldRef) => ('field_id' in ref ? nameOf(ref) : builtinNamesRu[ref.builtin]);
  const errors: FieldError[] = [];
  const missing: MissingField[] = [];
  const need = (ref: FieldRef, stageName: string) => {
    if (hasValue(snapshot, ref)) return;
    const key = refPath(ref);
    if (errors.some((e) => e.path === key)) return;
    errors.push(
      fieldError(
        'RequiredField',
        key,
        msg('process.required_field', { field: nameOf(ref), field_ru: nameRu(ref), stage: stageName }),
      ),
    );
    missing.push({
      field_id: 'field_id' in ref ? ref.field_id : null,
      builtin: 'field_id' in ref ? null : ref.builtin,
      name: nameOf(ref),
    });
  };

  if (change.enteredStageId !== null) {
    const stage = await db
      .selectFrom('stages')
      .select(['id', 'name', 'kind', 'pipeline_id'])
      .where('account_id', '=', accountId)
      .where('id', '=', change.enteredStageId)
      .executeTakeFirst();
    if (stage) {
      if (!robot) {
        const statusId = toStatusId(stage);
        for (const field of fieldNames.values()) {
          const parsed = requiredStatuses.safeParse(safeJson(field.required_statuses));
          const hit =
            parsed.success &&
            parsed.data.some((s) => s.status_id === statusId && s.pipeline_id === stage.pipeline_id);
          if (hit) need({ field_id: field.id }, stage.name);
        }
      }
      for (const rule of required)
        if (inScope(rule, { pipeline_id: stage.pipeline_id, stage_id: stage.id }))
          for (const ref of rule.config.fields) need(ref, stage.name);
    }
  }

  if (change.becameLost && deal.loss_reason_id === null) {
    if (lossRules.some((r) => r.pipeline_id === null || r.pipeline_id === deal.pipeline_id))
      errors.push(fieldError('RequiredField', 'loss_reason_id', msg('process.loss_reason_required')));
  }

  for (const rule of validations) {
    if (!inScope(rule, deal)) continue;
    const tag = rule.config.tag?.toLowerCase();
    if (tag && !snapshot.tags.has(tag)) continue;
    for (const c of rule.config.conditions) {
      if (conditionHolds(snapshot, c, true)) continue;
      const expected = c.value === undefined || c.value === null ? '' : ` ${String(c.value)}`;
      // The administrator's own message is shown as written, in whatever language they wrote it.
      errors.push(
        rule.config.message
          ? { code: 'RuleViolated', path: refPath(c.field), detail: rule.config.message }
          : fieldError(
              'RuleViolated',
              refPath(c.field),
              msg('process.rule_violated', {
                field: nameOf(c.field),
                field_ru: nameRu(c.field),
                op_en: opWords[c.op].en,
                op_ru: opWords[c.op].ru,
                value: expected,
                rule: rule.name || 'rule',
                rule_ru: rule.name || 'правило',
              }),
            ),
      );
    }
  }
  if (errors.length > 0) throw processError(errors, missing);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A 400 naming the fields, with the list the UI turns into a "fill these in" modal. */
export const processError = (errors: FieldError[], missing: MissingField[]) =>
  problem(400, 'Bad Request', msg('process.refused'), {
    'validation-errors': [{ request_id: '0', errors }],
    required_fields: missing,
  });

export type { DealSnapshot };
