import { languages } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal, parseWith } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { pageOffset, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { authorizeEntityView } from '../policy/guards.ts';
import { policyOf } from '../policy/policy.ts';
import { eventScope } from '../policy/policy.sql.ts';
import { amoEventRules, amoTypeOf, conditionsFor, pluralEntity } from './amo-event-types.ts';
import { findEvent, listEvents } from './events.repo.ts';
import { namesFor, presentEvent } from './present-event.ts';
import { idListSchema, nameListSchema, rangeSchema, userIdListSchema } from './v4-input.ts';

const eventListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  // amoCRM serves at most 100 events a page.
  limit: z.coerce.number().int().min(1).max(100).default(50),
  with: z.string().max(500).optional(),
  filter: z
    .object({
      id: idListSchema.optional(),
      created_at: rangeSchema.optional(),
      created_by: userIdListSchema.optional(),
      entity: nameListSchema.optional(),
      entity_id: idListSchema.optional(),
      type: nameListSchema.optional(),
    })
    .optional(),
});

/** amoCRM's event feed (GET /api/v4/events, /events/{id}, /events/types) over our events table. */
export const eventV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: events'];

  app.get(
    '/api/v4/events',
    { schema: { tags, querystring: eventListQuerySchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { filter = {}, page, limit } = request.query;
      const entityTypes = filter.entity?.map((e) => pluralEntity[e] ?? `unknown:${e}`);
      const rows = await listEvents(
        ctx.db,
        ctx.accountId,
        {
          conditions: conditionsFor(filter.type),
          ids: filter.id,
          createdAt: filter.created_at,
          createdBy: filter.created_by,
          entityTypes,
          entityIds: filter.entity_id,
          scope: eventScope(await policyOf(ctx), ctx.accountId),
        },
        limit + 1,
        pageOffset({ page, limit }),
      );
      const names = await namesFor(ctx.db, ctx.accountId, rows, parseWith(request.query.with));
      return sendList(
        request,
        reply,
        'events',
        rows.map((e) => presentEvent(request, e, names)),
        { page, limit },
      );
    },
  );

  app.get(
    '/api/v4/events/types',
    {
      schema: { tags, querystring: z.object({ language_code: z.enum(['ru', 'en', 'es', 'pt']).optional() }) },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const lang = request.query.language_code ?? languages.find((l) => l === ctx.user?.lang) ?? 'ru';
      const types = amoEventRules.map((r) => ({
        key: r.key,
        type: r.code,
        lang: lang === 'ru' ? r.ru : r.en,
      }));
      return hal(reply).send({
        _total_items: types.length,
        _links: { self: { href: absoluteUrl(request, request.url) } },
        _embedded: { events_types: types },
      });
    },
  );

  app.get(
    '/api/v4/events/:id',
    {
      schema: {
        tags,
        params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        querystring: z.object({ with: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const event = await findEvent(ctx.db, ctx.accountId, request.params.id);
      if (!event || amoTypeOf(event.type, event.subtype) === null) throw notFound('Event not found');
      if (['leads', 'contacts', 'companies', 'tasks'].includes(event.entity_type)) {
        const type = z.enum(['leads', 'contacts', 'companies', 'tasks']).parse(event.entity_type);
        await authorizeEntityView(ctx, type, event.entity_id);
      }
      const names = await namesFor(ctx.db, ctx.accountId, [event], parseWith(request.query.with));
      return hal(reply).send(presentEvent(request, event, names));
    },
  );
};
