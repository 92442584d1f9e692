import { taskEntityTypes, taskStates } from '@voronka/common';
import { z } from 'zod';
import { pagingSchema } from '../../http/v4-list.ts';
import { idListSchema, orderSchema, rangeSchema } from '../events/v4-input.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const unixTime = z.number().int().min(0).max(253402300799);
export const taskEntityType = z.enum(taskEntityTypes);

const taskFields = {
  text: z.string().trim().min(1).max(10_000),
  complete_till: unixTime,
  task_type_id: id,
  responsible_user_id: id,
  entity_type: taskEntityType,
  entity_id: id,
  /** Seconds the task takes (a meeting's length). */
  duration: z
    .number()
    .int()
    .min(0)
    .max(366 * 86400),
};

/** entity_type and entity_id name the linked record together or not at all. */
const bothOrNeither = (v: { entity_type?: unknown; entity_id?: unknown }, ctx: z.RefinementCtx) => {
  if ((v.entity_type === undefined) !== (v.entity_id === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.entity_id === undefined ? 'entity_id' : 'entity_type'],
      message: 'entity_type and entity_id go together',
    });
  }
};

export const taskCreateSchema = z
  .object({
    request_id: z.string().max(100).optional(),
    text: taskFields.text,
    complete_till: taskFields.complete_till,
    task_type_id: taskFields.task_type_id.optional(),
    responsible_user_id: taskFields.responsible_user_id.optional(),
    entity_type: taskFields.entity_type.optional(),
    entity_id: taskFields.entity_id.optional(),
    duration: taskFields.duration.optional(),
  })
  .superRefine(bothOrNeither);
export type TaskCreateInput = z.infer<typeof taskCreateSchema>;

const taskPatchFields = z.object({
  text: taskFields.text.optional(),
  complete_till: taskFields.complete_till.optional(),
  task_type_id: taskFields.task_type_id.optional(),
  responsible_user_id: taskFields.responsible_user_id.optional(),
  entity_type: taskFields.entity_type.optional(),
  entity_id: taskFields.entity_id.optional(),
  duration: taskFields.duration.optional(),
  is_completed: z.boolean().optional(),
  result: z.object({ text: z.string().trim().max(10_000).optional() }).optional(),
});

export const taskPatchByIdSchema = taskPatchFields.superRefine(bothOrNeither);
export const taskPatchSchema = taskPatchFields
  .extend({ id, request_id: z.string().max(100).optional() })
  .superRefine(bothOrNeither);
export type TaskPatchInput = z.infer<typeof taskPatchSchema>;

export const taskOrderFields = ['created_at', 'complete_till', 'id'] as const;

/** GET /api/v4/tasks: amoCRM's filters and orderings. */
export const taskListQuerySchema = pagingSchema.extend({
  filter: z
    .object({
      id: idListSchema.optional(),
      responsible_user_id: idListSchema.optional(),
      is_completed: z.enum(['0', '1', 'true', 'false']).optional(),
      task_type: idListSchema.optional(),
      entity_type: taskEntityType.optional(),
      entity_id: idListSchema.optional(),
      updated_at: rangeSchema.optional(),
    })
    .optional(),
  order: orderSchema(taskOrderFields),
});

/** GET /api/app/tasks: the task list of the web app, by state. */
export const appTaskListQuerySchema = z.object({
  state: z.enum(taskStates).optional(),
  responsible_user_id: z.coerce.number().int().positive().optional(),
  entity_type: taskEntityType.optional(),
  entity_id: z.coerce.number().int().positive().optional(),
  task_type_id: z.coerce.number().int().positive().optional(),
  /** Due in [due_from, due_to] (unix seconds), completed or not: the task calendar's window. */
  due_from: z.coerce.number().int().min(0).max(253402300799).optional(),
  due_to: z.coerce.number().int().min(0).max(253402300799).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});
