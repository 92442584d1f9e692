import { Readable } from 'node:stream';
import {
  dealBulkInputSchema,
  dealBulkResultSchema,
  dealFilterSchema,
  dealListPageSchema,
  dealSortKeys,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../context.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import { bulkDeals } from './bulk-deals.ts';
import { exportDealsCsv } from './export-deals-csv.ts';
import { listAppDeals } from './list-app-deals.ts';

const tags = ['App: deal list'];
const idsParam = z
  .string()
  .max(6000)
  .regex(/^\d{1,15}(,\d{1,15})*$/, 'Comma-separated deal ids')
  .transform((v) => v.split(',').map(Number));

/** The list view of the deals: sorted pages, bulk actions, CSV export, all under the board's filter. */
export const dealListAppRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/app/deals',
    {
      schema: {
        tags,
        querystring: dealFilterSchema.extend({
          pipeline_id: entityId.optional(),
          sort: z.enum(dealSortKeys).default('created_at'),
          dir: z.enum(['asc', 'desc']).default('desc'),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: dealListPageSchema },
      },
    },
    async (request) => {
      const { pipeline_id: pipelineId, sort, dir, offset, limit, ...filter } = request.query;
      return listAppDeals(ctxOf(app, request), { pipelineId, filter, sort, direction: dir, offset, limit });
    },
  );

  app.post(
    '/api/app/deals/bulk',
    { schema: { tags, body: dealBulkInputSchema, response: { 200: dealBulkResultSchema } } },
    async (request) => bulkDeals(ctxOf(app, request), request.body),
  );

  app.get(
    '/api/app/deals/export.csv',
    {
      schema: {
        tags,
        querystring: dealFilterSchema.extend({ pipeline_id: entityId.optional(), ids: idsParam.optional() }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { pipeline_id: pipelineId, ids, ...filter } = request.query;
      const lang = ctx.user?.lang === 'en' ? 'en' : 'ru';
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="deals-${stamp}.csv"`)
        .send(Readable.from(exportDealsCsv(ctx, { pipelineId, filter, ids, lang })));
    },
  );
};
