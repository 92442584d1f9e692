import { z } from 'zod';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import { updateTasks } from '../../tasks/update-tasks.ts';
import { defineAction } from '../engine/define-action.ts';

/** Completes the deal's open tasks: all, of one type, overdue, or due today; with a result text. */
export default defineAction({
  type: 'complete_tasks',
  input: z.object({
    scope: z.enum(['all', 'type', 'overdue', 'today']).default('all'),
    task_type_id: z.number().int().positive().optional(),
    result_text: z.string().max(5000).default(''),
  }),
  async execute(input, { ctx, deal, render, say }) {
    let q = ctx.db
      .selectFrom('tasks')
      .select(['id'])
      .where('account_id', '=', ctx.accountId)
      .where('entity_type', '=', 'leads')
      .where('entity_id', '=', deal.id)
      .where('is_completed', '=', 0)
      .where('deleted_at', 'is', null);
    const now = nowSeconds();
    if (input.scope === 'type') q = q.where('task_type_id', '=', input.task_type_id ?? 1);
    if (input.scope === 'overdue') q = q.where('complete_till', '<', now);
    if (input.scope === 'today') q = q.where('complete_till', '<', now - (now % 86400) + 86400);
    const ids = (await q.execute()).map((t) => t.id);
    const text = render(input.result_text);
    if (ids.length > 0)
      await updateTasks(
        ctx,
        ids.map((id) => ({
          id,
          requestId: String(id),
          is_completed: true,
          ...(text ? { result: { text } } : {}),
        })),
      );
    return { summary: say('tasksCompleted', { count: ids.length }), data: { task_ids: ids } };
  },
});
