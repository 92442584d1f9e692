import { triggerInputSchema, type TriggerInput } from '@voronka/common';
import type { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { AutomationTrigger } from '../../db/types-automation.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage } from '../pipelines/stages.repo.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { createFireCache, fireSignal } from './engine/fire.ts';
import { loadActions } from './engine/registry.ts';
import { findTrigger, insertTrigger, updateTriggerRow } from './triggers.repo.ts';

type Input = z.output<typeof triggerInputSchema>;

async function validate(ctx: Ctx, pipelineId: number, input: Input): Promise<Record<string, unknown>> {
  const errors: FieldError[] = [];
  if (!(await findPipeline(ctx.db, ctx.accountId, pipelineId)))
    throw notFound(`Pipeline ${pipelineId} not found`);
  if (input.stage_id !== null) {
    const stage = await findStage(ctx.db, ctx.accountId, input.stage_id);
    if (stage?.pipeline_id !== pipelineId)
      errors.push({
        code: 'NotFound',
        path: 'stage_id',
        detail: `Stage ${input.stage_id} is not in pipeline ${pipelineId}`,
      });
  }
  const action = (await loadActions()).get(input.action.type);
  let params: Record<string, unknown> = {};
  if (!action) {
    errors.push({
      code: 'NotSupportedChoice',
      path: 'action.type',
      detail: `Unknown action ${input.action.type}`,
    });
  } else {
    const parsed = action.input.safeParse(input.action.params);
    if (parsed.success) params = input.action.params;
    else
      for (const issue of parsed.error.issues)
        errors.push({
          code: 'Invalid',
          path: ['action', 'params', ...issue.path].join('.'),
          detail: issue.message,
        });
  }
  if (errors.length > 0) throw badRequest(errors);
  return params;
}

/** Fires a trigger for the deals already in its stage (or pipeline), when asked on save. */
async function applyToExisting(ctx: Ctx, trigger: AutomationTrigger): Promise<number> {
  if (!ctx.queue) return 0;
  let q = ctx.db
    .selectFrom('deals')
    .select(['id', 'stage_id', 'stage_entered_at'])
    .where('account_id', '=', ctx.accountId)
    .where('pipeline_id', '=', trigger.pipeline_id)
    .where('deleted_at', 'is', null);
  if (trigger.stage_id !== null) q = q.where('stage_id', '=', trigger.stage_id);
  let n = 0;
  const cache = createFireCache(ctx.db);
  for (const deal of await q.execute()) {
    n += await fireSignal(
      ctx.db,
      ctx.queue,
      {
        accountId: ctx.accountId,
        dealId: deal.id,
        pipelineId: trigger.pipeline_id,
        stageId: deal.stage_id,
        // Whatever its "when", a trigger applied on save fires now for the deals already there.
        kinds: [
          'created',
          'moved_into',
          'created_or_moved',
          'stayed_in_stage',
          'responsible_changed',
          'field_changed',
        ],
        atMs: Date.now(),
        enteredAtMs: deal.stage_entered_at * 1000,
        depth: 0,
        name: 'existing',
        onlyTriggerId: trigger.id,
      },
      cache,
    );
  }
  return n;
}

/** Creates (id undefined) or replaces a trigger of a pipeline; returns it and the runs applied. */
export function saveTrigger(
  ctx: Ctx,
  pipelineId: number,
  id: number | undefined,
  raw: TriggerInput,
): Promise<{ trigger: AutomationTrigger; applied: number }> {
  const input = triggerInputSchema.parse(raw);
  return withTransaction(ctx, async (c) => {
    const params = await validate(c, pipelineId, input);
    const now = nowSeconds();
    const row = {
      stage_id: input.stage_id,
      name: input.name,
      when_json: JSON.stringify(input.when),
      delay_json: JSON.stringify(input.delay),
      conditions_json: JSON.stringify(input.conditions),
      action_type: input.action.type,
      action_json: JSON.stringify(params),
      is_active: input.is_active ? 1 : 0,
      run_if_left: input.run_if_left ? 1 : 0,
      apply_to_existing: input.apply_to_existing ? 1 : 0,
      updated_at: now,
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
    };
    let trigger: AutomationTrigger;
    if (id === undefined) {
      trigger = await insertTrigger(c.db, {
        ...row,
        account_id: c.accountId,
        pipeline_id: pipelineId,
        created_by: c.userId,
        created_at: now,
      });
    } else {
      const existing = await findTrigger(c.db, c.accountId, id);
      if (existing?.pipeline_id !== pipelineId) throw notFound(`Trigger ${id} not found`);
      trigger = await updateTriggerRow(c.db, c.accountId, id, row);
    }
    const applied = input.apply_to_existing && input.is_active ? await applyToExisting(c, trigger) : 0;
    return { trigger, applied };
  });
}

/** Deletes a trigger: its pending runs are cancelled and it stops matching. */
export function deleteTrigger(ctx: Ctx, pipelineId: number, id: number): Promise<void> {
  return withTransaction(ctx, async (c) => {
    const existing = await findTrigger(c.db, c.accountId, id);
    if (existing?.pipeline_id !== pipelineId) throw notFound(`Trigger ${id} not found`);
    await updateTriggerRow(c.db, c.accountId, id, { deleted_at: nowSeconds(), is_active: 0 });
    await c.db
      .updateTable('automation_runs')
      .set({ status: 'cancelled', error: 'The trigger was deleted' })
      .where('account_id', '=', c.accountId)
      .where('trigger_id', '=', id)
      .where('status', 'in', ['scheduled', 'retrying'])
      .execute();
  });
}
