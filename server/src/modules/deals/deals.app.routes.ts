import {
  boardCardStateSchema,
  boardMetaSchema,
  boardSchema,
  boardStagePageSchema,
  dealFilterSchema,
  moveDealInputSchema,
  moveDealResultSchema,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { ctxOf } from '../context.ts';
import { registerEnsurePipeline } from '../pipelines/ensure-pipeline.hook.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import { findDeal } from './deals.repo.ts';
import { getBoardMeta } from './board-meta.ts';
import { getBoard, getBoardCard, listStageCards } from './get-board.ts';
import { moveDeal } from './move-deal.ts';
import { loadDealExtras, presentDeal } from './present-deal.ts';
import { restoreDeal } from './restore-deal.ts';

const tags = ['App: board'];
const params = z.object({ id: entityId });
const cardLimit = z.coerce.number().int().min(1).max(100).default(20);

/** The kanban's data: the board of a pipeline, more cards of a stage, drag-and-drop, restore. */
export const dealAppRoutes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  app.get(
    '/api/app/board',
    {
      schema: {
        tags,
        querystring: dealFilterSchema.extend({
          pipeline_id: entityId.optional(),
          limit_per_stage: cardLimit,
        }),
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const { pipeline_id: pipelineId, limit_per_stage: limitPerStage, ...filter } = request.query;
      return getBoard(ctxOf(app, request), { pipelineId, limitPerStage, filter });
    },
  );

  app.get('/api/app/board/meta', { schema: { tags, response: { 200: boardMetaSchema } } }, async (request) =>
    getBoardMeta(ctxOf(app, request)),
  );

  app.get(
    '/api/app/board/deals/:id',
    {
      schema: {
        tags,
        params,
        querystring: dealFilterSchema.extend({ pipeline_id: entityId }),
        response: { 200: boardCardStateSchema },
      },
    },
    async (request) => {
      const { pipeline_id: pipelineId, ...filter } = request.query;
      return getBoardCard(ctxOf(app, request), request.params.id, pipelineId, filter);
    },
  );

  app.get(
    '/api/app/board/stages/:id/deals',
    {
      schema: {
        tags,
        params,
        querystring: dealFilterSchema.extend({
          after_position: z.coerce.number().optional(),
          after_id: entityId.optional(),
          limit: cardLimit,
        }),
        response: { 200: boardStagePageSchema },
      },
    },
    async (request) => {
      const { after_position: position, after_id: id, limit, ...filter } = request.query;
      const after = position !== undefined && id !== undefined ? { position, id } : null;
      return listStageCards(ctxOf(app, request), request.params.id, after, limit, filter);
    },
  );

  app.post(
    '/api/app/deals/:id/move',
    { schema: { tags, params, body: moveDealInputSchema, response: { 200: moveDealResultSchema } } },
    async (request) => moveDeal(ctxOf(app, request), request.params.id, request.body),
  );

  app.post('/api/app/deals/:id/restore', { schema: { tags, params } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    await restoreDeal(ctx, request.params.id);
    const deal = await findDeal(ctx.db, ctx.accountId, request.params.id);
    if (!deal) throw new Error('restored deal vanished');
    const extras = await loadDealExtras(ctx.db, ctx.accountId, [deal], new Set());
    return hal(reply).send(presentDeal((path) => absoluteUrl(request, path), deal, extras));
  });
};
