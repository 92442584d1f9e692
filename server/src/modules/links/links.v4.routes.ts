import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EntityType } from '../../db/types-crm.ts';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, requestIdOf } from '../../http/v4-list.ts';
import { ctxOf, type Ctx } from '../context.ts';
import { authorizeEntity, visibleIdsOf } from '../policy/guards.ts';
import { entityExists } from './entity-refs.repo.ts';
import { linkEntities } from './link-entities.ts';
import { sides, type LinkPair } from './link-pairs.ts';
import { linkItemSchema, linksOfOneQuerySchema, linksQuerySchema } from './links.schema.ts';
import { listLinks, type LinkView } from './list-links.ts';
import { unlinkEntities } from './unlink-entities.ts';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const sendLinks = (request: FastifyRequest, reply: FastifyReply, links: LinkView[]) => {
  if (links.length === 0 && request.method === 'GET') return reply.code(204).send();
  return hal(reply).send({
    _links: { self: { href: absoluteUrl(request, request.url) } },
    _embedded: { links },
  });
};

/** A pair seen from `entityType`'s side. */
function viewOf(entityType: EntityType, pair: LinkPair): Omit<LinkView, 'metadata'> {
  const [a, b] = sides(pair);
  const [self, other] = a.type === entityType ? [a, b] : [b, a];
  return { entity_id: self.id, entity_type: self.type, to_entity_id: other.id, to_entity_type: other.type };
}

/** Rights: only links whose both sides the user may see. */
async function visibleLinks(ctx: Ctx, links: LinkView[]): Promise<LinkView[]> {
  const seen = new Map<EntityType, Set<number>>();
  for (const type of ['leads', 'contacts', 'companies'] as const) {
    const ids = links.flatMap((l) => [
      ...(l.entity_type === type ? [l.entity_id] : []),
      ...(l.to_entity_type === type ? [l.to_entity_id] : []),
    ]);
    seen.set(type, await visibleIdsOf(ctx, type, ids));
  }
  return links.filter(
    (l) => seen.get(l.entity_type)?.has(l.entity_id) && seen.get(l.to_entity_type)?.has(l.to_entity_id),
  );
}

/** amoCRM's links between deals, contacts and companies; registered per entity type. */
export const linkV4Routes: FastifyPluginAsyncZod = async (app) => {
  for (const entityType of ['leads', 'contacts', 'companies'] as const satisfies EntityType[]) {
    const tags = [`amoCRM API v4: ${entityType} links`];
    const base = `/api/v4/${entityType}`;

    app.get(
      `${base}/:id/links`,
      { schema: { tags, params: z.object({ id }), querystring: linksOfOneQuerySchema } },
      async (request, reply) => {
        const ctx = ctxOf(app, request);
        if (!(await entityExists(ctx.db, ctx.accountId, entityType, request.params.id))) {
          throw notFound(`No ${entityType} with id ${request.params.id}`);
        }
        await authorizeEntity(ctx, entityType, 'view', request.params.id);
        const filter = request.query.filter ?? {};
        const links = await listLinks(ctx.db, ctx.accountId, entityType, [request.params.id], {
          toEntityType: filter.to_entity_type,
          toEntityIds: filter.to_entity_id,
        });
        return sendLinks(request, reply, await visibleLinks(ctx, links));
      },
    );

    app.get(`${base}/links`, { schema: { tags, querystring: linksQuerySchema } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { filter } = request.query;
      const links = await listLinks(ctx.db, ctx.accountId, entityType, filter.entity_id, {
        toEntityType: filter.to_entity_type,
        toEntityIds: filter.to_entity_id,
      });
      return sendLinks(request, reply, await visibleLinks(ctx, links));
    });

    const write = async (
      request: FastifyRequest,
      reply: FastifyReply,
      action: 'link' | 'unlink',
      body: Array<z.infer<typeof linkItemSchema>>,
      entityId?: number,
    ) => {
      const ctx = ctxOf(app, request);
      const items = body.map((item, i) => ({
        ...item,
        entity_id: entityId ?? item.entity_id,
        requestId: requestIdOf(item, i),
      }));
      const pairs =
        action === 'link'
          ? await linkEntities(ctx, entityType, items)
          : await unlinkEntities(ctx, entityType, items);
      const views = pairs.map((p) => viewOf(entityType, p));
      if (action === 'unlink') return sendLinks(request, reply, views);
      // Answer with the links as they now stand (main_contact included).
      const now = await listLinks(ctx.db, ctx.accountId, entityType, [
        ...new Set(views.map((v) => v.entity_id)),
      ]);
      const wanted = new Set(views.map((v) => `${v.entity_id}:${v.to_entity_type}:${v.to_entity_id}`));
      return sendLinks(
        request,
        reply,
        now.filter((l) => wanted.has(`${l.entity_id}:${l.to_entity_type}:${l.to_entity_id}`)),
      );
    };

    for (const action of ['link', 'unlink'] as const) {
      app.post(`${base}/${action}`, { schema: { tags, body: batchOf(linkItemSchema) } }, (request, reply) =>
        write(request, reply, action, request.body),
      );
      app.post(
        `${base}/:id/${action}`,
        { schema: { tags, params: z.object({ id }), body: batchOf(linkItemSchema) } },
        (request, reply) => write(request, reply, action, request.body, request.params.id),
      );
    }
  }
};
