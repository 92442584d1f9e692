import { taskTypeSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireAuth } from '../../http/auth.ts';
import { ctxOf } from '../context.ts';
import { createTaskType } from './create-task-type.ts';
import { deleteTaskType } from './delete-task-type.ts';
import { updateTaskType } from './update-task-type.ts';
import { listTaskTypes } from './task-types.ts';

/** Settings -> task types: everyone reads them, administrators add and retire custom ones. */
export const taskTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: task types'];

  app.get(
    '/api/app/task-types',
    { schema: { tags, response: { 200: z.object({ items: z.array(taskTypeSchema) }) } } },
    async (request) => ({ items: await listTaskTypes(app.deps.database.db, requireAuth(request).account) }),
  );

  app.post(
    '/api/app/task-types',
    {
      schema: {
        tags,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          color: z
            .string()
            .regex(/^#[0-9a-fA-F]{6}$/)
            .nullish(),
          icon_id: z.number().int().min(1).max(1000).nullish(),
        }),
        response: { 200: taskTypeSchema },
      },
    },
    async (request) => {
      requireAdmin(request);
      return createTaskType(ctxOf(app, request), request.body);
    },
  );

  app.patch(
    '/api/app/task-types/:id',
    {
      schema: {
        tags,
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z
          .object({
            name: z.string().trim().min(1).max(100).optional(),
            color: z
              .string()
              .regex(/^#[0-9a-fA-F]{6}$/)
              .nullable()
              .optional(),
          })
          .refine((b) => b.name !== undefined || b.color !== undefined, 'Nothing to change'),
        response: { 200: taskTypeSchema },
      },
    },
    async (request) => {
      requireAdmin(request);
      return updateTaskType(ctxOf(app, request), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/app/task-types/:id',
    { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (request, reply) => {
      requireAdmin(request);
      await deleteTaskType(ctxOf(app, request), request.params.id);
      return reply.code(204).send();
    },
  );
};
