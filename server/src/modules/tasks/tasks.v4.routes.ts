import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, pageOffset, requestIdOf, sendBatch, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { policyOf } from '../policy/policy.ts';
import { recordScope } from '../policy/policy.sql.ts';
import { pickOrder } from '../events/v4-input.ts';
import { createTasks } from './create-tasks.ts';
import { presentTask } from './present-task.ts';
import {
  taskCreateSchema,
  taskListQuerySchema,
  taskOrderFields,
  taskPatchByIdSchema,
  taskPatchSchema,
} from './tasks.schema.ts';
import { findTask, listTasks } from './tasks.repo.ts';
import { updateTasks } from './update-tasks.ts';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** amoCRM's /api/v4/tasks: list, one, batch create, batch and single edit (incl. completion). */
export const taskV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: tasks'];

  app.get('/api/v4/tasks', { schema: { tags, querystring: taskListQuerySchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { filter = {}, order, page, limit } = request.query;
    const isCompleted =
      filter.is_completed === undefined ? undefined : ['1', 'true'].includes(filter.is_completed);
    const rows = await listTasks(
      ctx.db,
      ctx.accountId,
      {
        ids: filter.id,
        responsibleUserIds: filter.responsible_user_id,
        isCompleted,
        taskTypeIds: filter.task_type,
        entityType: filter.entity_type,
        entityIds: filter.entity_id,
        updatedAt: filter.updated_at,
        scope: recordScope(await policyOf(ctx), 'tasks'),
      },
      pickOrder(taskOrderFields, order, { field: 'id', direction: 'asc' }),
      limit + 1,
      pageOffset({ page, limit }),
    );
    return sendList(
      request,
      reply,
      'tasks',
      rows.map((t) => presentTask(request, t)),
      { page, limit },
    );
  });

  app.get('/api/v4/tasks/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const task = await findTask(ctx.db, ctx.accountId, request.params.id);
    if (!task) throw notFound('Task not found');
    await authorizeRecord(ctx, 'tasks', 'view', task);
    return hal(reply).send(presentTask(request, task));
  });

  app.post('/api/v4/tasks', { schema: { tags, body: batchOf(taskCreateSchema) } }, async (request, reply) => {
    const items = request.body.map((item, i) => ({ ...item, requestId: requestIdOf(item, i) }));
    const tasks = await createTasks(ctxOf(app, request), items);
    const results = tasks.map((t, i) => ({ id: t.id, request_id: items[i]?.requestId ?? String(i) }));
    return sendBatch(request, reply, 'tasks', '/api/v4/tasks', results);
  });

  app.patch('/api/v4/tasks', { schema: { tags, body: batchOf(taskPatchSchema) } }, async (request, reply) => {
    const patches = request.body.map((item, i) => ({ ...item, requestId: requestIdOf(item, i) }));
    const tasks = await updateTasks(ctxOf(app, request), patches);
    const results = tasks.map((t, i) => ({
      id: t.id,
      updated_at: t.updated_at,
      request_id: patches[i]?.requestId ?? String(i),
    }));
    return sendBatch(request, reply, 'tasks', '/api/v4/tasks', results);
  });

  app.patch(
    '/api/v4/tasks/:id',
    { schema: { tags, params: idParams, body: taskPatchByIdSchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      if (!(await findTask(ctx.db, ctx.accountId, request.params.id))) throw notFound('Task not found');
      const [task] = await updateTasks(ctx, [{ ...request.body, id: request.params.id, requestId: '0' }]);
      if (!task) throw notFound('Task not found');
      return hal(reply).send({
        id: task.id,
        updated_at: task.updated_at,
        _links: { self: { href: absoluteUrl(request, `/api/v4/tasks/${task.id}`) } },
      });
    },
  );
};
