import { crmEntityTypes } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { deleteTagRow, findTag, listTagsWithUses } from './tags-admin.repo.ts';
import { updateTag } from './update-tag.ts';

const params = z.object({
  entity: z.enum(crmEntityTypes),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
const tagOut = z.object({ id: z.number(), name: z.string(), color: z.string().nullable() });
const color = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'Six hex digits, e.g. DDEBB5');

/** Settings -> Tags: every tag with its use count; administrators rename, recolour and delete. */
export const tagAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: tags'];

  app.get(
    '/api/app/tags/:entity',
    {
      schema: {
        tags,
        params: z.object({ entity: z.enum(crmEntityTypes) }),
        response: { 200: z.object({ items: z.array(tagOut.extend({ uses: z.number() })) }) },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      return { items: await listTagsWithUses(ctx.db, ctx.accountId, request.params.entity) };
    },
  );

  app.patch(
    '/api/app/tags/:entity/:id',
    {
      schema: {
        tags,
        params,
        body: z.object({
          name: z.string().trim().min(1).max(255).optional(),
          color: color.nullable().optional(),
        }),
        response: { 200: tagOut },
      },
    },
    async (request) => {
      requireAdmin(request);
      return updateTag(ctxOf(app, request), request.params.entity, request.params.id, request.body);
    },
  );

  app.delete('/api/app/tags/:entity/:id', { schema: { tags, params } }, async (request, reply) => {
    requireAdmin(request);
    const { entity, id } = request.params;
    await withTransaction(ctxOf(app, request), async ({ db, accountId }) => {
      if (!(await findTag(db, accountId, entity, id))) throw notFound('Tag not found');
      await deleteTagRow(db, accountId, id);
    });
    return reply.code(204).send();
  });
};
