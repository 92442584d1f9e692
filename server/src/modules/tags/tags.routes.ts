import { crmEntityTypes } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { batchOf, pageOffset, pagingSchema, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { oneOrMany } from '../search/list-query.schema.ts';
import { createTags } from './create-tags.ts';
import { presentTag } from './present-tag.ts';
import { listTags } from './tags.repo.ts';

const listQuerySchema = pagingSchema.extend({
  query: z.string().trim().max(200).optional(),
  filter: z
    .object({
      name: oneOrMany(z.string().trim().max(255)).optional(),
      id: oneOrMany(z.coerce.number().int().positive()).optional(),
    })
    .optional(),
});

const tagCreateSchema = z.object({
  name: z.string().trim().min(1).max(255),
  color: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/, 'Six hex digits, e.g. DDEBB5')
    .optional(),
  request_id: z.string().max(100).optional(),
});

/** /api/v4/{leads|contacts|companies}/tags */
export const tagRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: tags'];
  for (const entity of crmEntityTypes) {
    const base = `/api/v4/${entity}/tags`;

    app.get(base, { schema: { tags, querystring: listQuerySchema } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { query, filter } = request.query;
      const rows = await listTags(
        ctx.db,
        ctx.accountId,
        entity,
        {
          ...(query ? { query } : {}),
          ...(filter?.name ? { names: filter.name } : {}),
          ...(filter?.id ? { ids: filter.id } : {}),
        },
        { limit: request.query.limit, offset: pageOffset(request.query) },
      );
      return sendList(request, reply, 'tags', rows.map(presentTag), request.query);
    });

    app.post(base, { schema: { tags, body: batchOf(tagCreateSchema) } }, async (request, reply) => {
      const created = await createTags(ctxOf(app, request), entity, request.body);
      return hal(reply).send({
        _links: { self: { href: absoluteUrl(request, base) } },
        _embedded: { tags: created.map((t) => ({ ...presentTag(t), request_id: t.request_id })) },
      });
    });
  }
};
