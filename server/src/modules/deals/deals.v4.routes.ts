import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal, parseWith } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, requestIdOf, sendBatch, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { authorizeDeal } from '../policy/guards.ts';
import { registerEnsurePipeline } from '../pipelines/ensure-pipeline.hook.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import type { Href } from '../pipelines/present-pipeline.ts';
import { createComplexDeals } from './create-complex-deals.ts';
import { createDeals } from './create-deal.ts';
import { findDeal } from './deals.repo.ts';
import {
  dealBatchUpdateSchema,
  dealComplexSchema,
  dealCreateSchema,
  dealListQuerySchema,
  dealUpdateSchema,
} from './deals.schema.ts';
import { deleteDeal } from './delete-deal.ts';
import { listDealsPage } from './list-deals.ts';
import { loadDealExtras, presentDeal } from './present-deal.ts';
import { updateDeal, updateDeals } from './update-deal.ts';

const tags = ['amoCRM API v4: leads'];
const base = '/api/v4/leads';
const params = z.object({ id: entityId });
const hrefOf =
  (request: FastifyRequest): Href =>
  (path) =>
    absoluteUrl(request, path);

/** Deals as amoCRM's leads: list with filters and search, one, batch create / update, complex. */
export const dealV4Routes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  app.get(base, { schema: { tags, querystring: dealListQuerySchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const withs = parseWith(request.query.with);
    const rows = await listDealsPage(ctx, request.query, { onlyDeleted: withs.has('only_deleted') });
    const extras = await loadDealExtras(ctx.db, ctx.accountId, rows.slice(0, request.query.limit), withs);
    const leads = rows.map((d) => presentDeal(hrefOf(request), d, extras));
    return sendList(request, reply, 'leads', leads, request.query);
  });

  app.get(
    `${base}/:id`,
    { schema: { tags, params, querystring: z.object({ with: z.string().max(500).optional() }) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { db, accountId } = ctx;
      const withs = parseWith(request.query.with);
      const deal = await findDeal(db, accountId, request.params.id, {
        includeDeleted: withs.has('only_deleted'),
      });
      if (!deal) throw notFound('Lead not found');
      await authorizeDeal(ctx, 'view', deal);
      const extras = await loadDealExtras(db, accountId, [deal], withs);
      return hal(reply).send(presentDeal(hrefOf(request), deal, extras));
    },
  );

  app.post(base, { schema: { tags, body: batchOf(dealCreateSchema) } }, async (request, reply) => {
    const deals = await createDeals(ctxOf(app, request), request.body);
    const results = deals.map((d, i) => ({ id: d.id, request_id: requestIdOf(request.body[i] ?? {}, i) }));
    return sendBatch(request, reply, 'leads', base, results);
  });

  app.patch(base, { schema: { tags, body: batchOf(dealBatchUpdateSchema) } }, async (request, reply) => {
    const deals = await updateDeals(ctxOf(app, request), request.body);
    const results = deals.map((d, i) => ({
      id: d.id,
      updated_at: d.updated_at,
      request_id: requestIdOf(request.body[i] ?? {}, i),
    }));
    return sendBatch(request, reply, 'leads', base, results);
  });

  app.patch(`${base}/:id`, { schema: { tags, params, body: dealUpdateSchema } }, async (request, reply) => {
    const deal = await updateDeal(ctxOf(app, request), request.params.id, request.body);
    return hal(reply).send({
      id: deal.id,
      updated_at: deal.updated_at,
      _links: { self: { href: absoluteUrl(request, `${base}/${deal.id}`) } },
    });
  });

  app.delete(
    `${base}/:id`,
    { schema: { tags, description: 'Voronka extension: moves the deal to the trash.', params } },
    async (request, reply) => {
      await deleteDeal(ctxOf(app, request), request.params.id);
      return reply.code(204).send();
    },
  );

  // amoCRM answers a top-level array here, each request_id a list (duplicates merge requests).
  app.post(
    `${base}/complex`,
    { schema: { tags, body: batchOf(dealComplexSchema, 50) } },
    async (request, reply) => {
      const results = await createComplexDeals(ctxOf(app, request), request.body);
      return hal(reply).send(
        results.map((r, i) => ({
          id: r.deal.id,
          contact_id: r.contactId,
          company_id: r.companyId,
          request_id: [requestIdOf(request.body[i] ?? {}, i)],
          merged: r.merged,
        })),
      );
    },
  );
};
