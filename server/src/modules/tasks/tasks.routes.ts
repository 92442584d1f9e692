import { appTaskListSchema, appTaskSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { policyOf } from '../policy/policy.ts';
import { recordScope } from '../policy/policy.sql.ts';
import { presentAppTask } from './present-task.ts';
import { endOfDay } from './task-state.ts';
import { appTaskListQuerySchema } from './tasks.schema.ts';
import { findTask, listTasks, type TaskFilter } from './tasks.repo.ts';
import { updateTasks } from './update-tasks.ts';

/** The web app's task list (overdue / today / upcoming / completed) and the "done" button. */
export const taskAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: tasks'];

  app.get(
    '/api/app/tasks',
    { schema: { tags, querystring: appTaskListQuerySchema, response: { 200: appTaskListSchema } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const {
        state,
        responsible_user_id,
        entity_type,
        entity_id,
        task_type_id,
        due_from,
        due_to,
        page,
        limit,
      } = request.query;
      const now = nowSeconds();
      const todayEnds = endOfDay(now, ctx.account.timezone);
      const byState: Record<NonNullable<typeof state>, TaskFilter> = {
        completed: { isCompleted: true },
        overdue: { isCompleted: false, completeTill: { to: now - 1 } },
        today: { isCompleted: false, completeTill: { from: now, to: todayEnds } },
        upcoming: { isCompleted: false, completeTill: { from: todayEnds + 1 } },
      };
      const filter: TaskFilter = {
        ...(state ? byState[state] : {}),
        ...(responsible_user_id ? { responsibleUserIds: [responsible_user_id] } : {}),
        ...(entity_type ? { entityType: entity_type } : {}),
        ...(entity_id ? { entityIds: [entity_id] } : {}),
        ...(task_type_id ? { taskTypeIds: [task_type_id] } : {}),
        scope: recordScope(await policyOf(ctx), 'tasks'),
      };
      if (due_from !== undefined || due_to !== undefined) {
        // The window narrows the state's own range (both bounds kept).
        const own = filter.completeTill ?? {};
        filter.completeTill = {
          from: Math.max(own.from ?? 0, due_from ?? 0),
          to: Math.min(own.to ?? Number.MAX_SAFE_INTEGER, due_to ?? Number.MAX_SAFE_INTEGER),
        };
      }
      const order = state === 'completed' ? 'desc' : 'asc';
      const rows = await listTasks(
        ctx.db,
        ctx.accountId,
        filter,
        { field: state === 'completed' ? 'updated_at' : 'complete_till', direction: order },
        limit + 1,
        (page - 1) * limit,
      );
      return {
        items: rows.slice(0, limit).map((t) => presentAppTask(t, now, todayEnds)),
        has_more: rows.length > limit,
      };
    },
  );

  app.post(
    '/api/app/tasks/:id/complete',
    {
      schema: {
        tags,
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ result_text: z.string().trim().max(10_000).optional() }),
        response: { 200: appTaskSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      if (!(await findTask(ctx.db, ctx.accountId, request.params.id))) throw notFound('Task not found');
      const [task] = await updateTasks(ctx, [
        {
          id: request.params.id,
          requestId: '0',
          is_completed: true,
          result: { text: request.body.result_text },
        },
      ]);
      if (!task) throw notFound('Task not found');
      const now = nowSeconds();
      return presentAppTask(task, now, endOfDay(now, ctx.account.timezone));
    },
  );
};
