import { z } from 'zod';

/**
 * amoCRM's built-in task types, present in every account under the same ids (integrations
 * hard-code 1 and 2). Custom types live in the `task_types` table with ids from 1000.
 */
export const builtInTaskTypes = [
  { id: 1, code: 'FOLLOW_UP', ru: 'Связаться', en: 'Follow-up' },
  { id: 2, code: 'MEETING', ru: 'Встреча', en: 'Meeting' },
] as const;

/** Where an open task stands against its deadline in the account's time zone. */
export const taskStates = ['completed', 'overdue', 'today', 'upcoming'] as const;
export type TaskState = (typeof taskStates)[number];

export const taskEntityTypes = ['leads', 'contacts', 'companies'] as const;

const id = z.number().int().positive();

/** A task as the web app's endpoints answer it (GET /api/app/tasks). */
export const appTaskSchema = z.object({
  id,
  text: z.string(),
  task_type_id: id,
  complete_till: z.number(),
  duration: z.number(),
  responsible_user_id: z.number(),
  entity_type: z.enum(taskEntityTypes).nullable(),
  entity_id: z.number().nullable(),
  is_completed: z.boolean(),
  result_text: z.string().nullable(),
  state: z.enum(taskStates),
  created_by: z.number(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type AppTask = z.infer<typeof appTaskSchema>;

export const appTaskListSchema = z.object({ items: z.array(appTaskSchema), has_more: z.boolean() });
export type AppTaskList = z.infer<typeof appTaskListSchema>;

export const taskTypeSchema = z.object({
  id,
  name: z.string(),
  code: z.string().nullable(),
  color: z.string().nullable(),
  icon_id: z.number().nullable(),
  is_built_in: z.boolean(),
});
export type TaskTypeInfo = z.infer<typeof taskTypeSchema>;
