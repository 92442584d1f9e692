import { timelineKinds, timelineSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../context.ts';
import { listTimeline } from './list-timeline.ts';

/** GET /api/app/timeline: the feed of a deal, contact or company card, newest first. */
export const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/app/timeline',
    {
      schema: {
        tags: ['App: timeline'],
        querystring: z.object({
          entity_type: z.enum(['leads', 'contacts', 'companies']),
          entity_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          cursor: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          kind: z.enum(timelineKinds).optional(),
        }),
        response: { 200: timelineSchema },
      },
    },
    async (request) => {
      const { entity_type, entity_id, cursor, limit, kind } = request.query;
      return listTimeline(ctxOf(app, request), entity_type, entity_id, cursor, limit, kind);
    },
  );
};
