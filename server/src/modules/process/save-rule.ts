import { nowSeconds } from '../../db/schema-helpers.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, fieldError, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { findRuleRow, ruleValues } from './rules.repo.ts';
import type { RuleInput } from './rules.schema.ts';

/** The pipeline, stage, fields and users a rule names must be the account's own. */
async function checkRule(ctx: Ctx, input: RuleInput): Promise<void> {
  const { db, accountId } = ctx;
  const errors: FieldError[] = [];
  const stageOf = (id: number) =>
    db
      .selectFrom('stages')
      .select(['id', 'pipeline_id'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  if (input.pipeline_id !== null) {
    const p = await db
      .selectFrom('pipelines')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', input.pipeline_id)
      .executeTakeFirst();
    if (!p)
      errors.push(
        fieldError('NotFound', 'pipeline_id', msg('process.pipeline_not_found', { id: input.pipeline_id })),
      );
  }
  if (input.stage_id !== null) {
    const s = await stageOf(input.stage_id);
    if (!s || (input.pipeline_id !== null && s.pipeline_id !== input.pipeline_id))
      errors.push(
        fieldError('NotFound', 'stage_id', msg('process.stage_not_in_pipeline', { id: input.stage_id })),
      );
  }
  if ((input.kind === 'stage_limit' || input.kind === 'required_fields') && input.stage_id === null)
    errors.push(fieldError('NotSupplied', 'stage_id', msg('process.one_stage')));
  if (input.kind === 'reanimation') {
    if (input.pipeline_id === null)
      errors.push(fieldError('NotSupplied', 'pipeline_id', msg('process.one_pipeline')));
    if (!(await stageOf(input.config.target_stage_id)))
      errors.push(fieldError('NotFound', 'config.target_stage_id', msg('process.target_stage_not_found')));
  }
  const refs =
    input.kind === 'required_fields'
      ? input.config.fields
      : input.kind === 'validation' || input.kind === 'reanimation'
        ? input.config.conditions.map((c) => c.field)
        : [];
  const fieldIds = refs.flatMap((r) => ('field_id' in r ? [r.field_id] : []));
  if (fieldIds.length > 0) {
    const found = new Set(
      (
        await db
          .selectFrom('custom_fields')
          .select('id')
          .where('account_id', '=', accountId)
          .where('entity_type', '=', 'leads')
          .where('deleted_at', 'is', null)
          .where('id', 'in', fieldIds)
          .execute()
      ).map((f) => f.id),
    );
    for (const id of fieldIds)
      if (!found.has(id))
        errors.push(fieldError('NotFound', 'config', msg('process.field_not_found', { id })));
  }
  if (input.kind === 'stage_limit' && input.config.notify_user_ids.length > 0) {
    const users = await db
      .selectFrom('users')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', 'in', input.config.notify_user_ids)
      .execute();
    if (users.length !== new Set(input.config.notify_user_ids).size)
      errors.push(fieldError('NotFound', 'config.notify_user_ids', msg('process.unknown_user')));
  }
  if (errors.length > 0) throw badRequest(errors);
}

export function createRule(ctx: Ctx, input: RuleInput) {
  return withTransaction(ctx, async (c) => {
    await checkRule(c, input);
    return c.db
      .insertInto('process_rules')
      .values({
        ...ruleValues(input),
        account_id: c.accountId,
        created_by: c.userId,
        created_at: nowSeconds(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export function updateRule(ctx: Ctx, id: number, input: RuleInput) {
  return withTransaction(ctx, async (c) => {
    if (!(await findRuleRow(c.db, c.accountId, id))) throw notFound(msg('process.rule_not_found'));
    await checkRule(c, input);
    return c.db
      .updateTable('process_rules')
      .set(ruleValues(input))
      .where('account_id', '=', c.accountId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function deleteRule(ctx: Ctx, id: number): Promise<void> {
  const res = await ctx.db
    .deleteFrom('process_rules')
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(msg('process.rule_not_found'));
}
