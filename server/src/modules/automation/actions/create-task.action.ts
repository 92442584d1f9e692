import { z } from 'zod';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import { createTasks } from '../../tasks/create-tasks.ts';
import { defineAction } from '../engine/define-action.ts';
import { resolveResponsible, responsibleSchema } from '../engine/distribution.ts';
import { durationSchema, durationSeconds } from '../engine/durations.ts';

/** A task on the deal: text with placeholders, a deadline after the run, a responsible user. */
export default defineAction({
  type: 'create_task',
  input: z.object({
    text: z.string().trim().min(1).max(5000),
    task_type_id: z.number().int().positive().optional(),
    due_in: durationSchema,
    responsible: responsibleSchema,
  }),
  async execute(input, { ctx, deal, render, trigger, settings, say }) {
    const responsible = await resolveResponsible(ctx, input.responsible, {
      dealResponsible: deal.responsible_user_id,
      triggerId: trigger.row.id,
      awayUserIds: settings.away_user_ids,
    });
    const text = render(input.text);
    const [task] = await createTasks(ctx, [
      {
        requestId: '0',
        text,
        complete_till: nowSeconds() + durationSeconds(input.due_in),
        ...(input.task_type_id ? { task_type_id: input.task_type_id } : {}),
        responsible_user_id: responsible,
        entity_type: 'leads',
        entity_id: deal.id,
      },
    ]);
    return { summary: say('taskCreated', { text }), data: { task_id: task?.id, assignee: responsible } };
  },
});
