import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { ctxOf } from '../context.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import {
  autoAcceptBodySchema,
  inboxChannelSchema,
  listAutoAccept,
  saveAutoAccept,
} from './inbox-auto-accept.ts';
import { distributionRuleSchema, listDistributions, saveDistribution } from './inbox-distribution.ts';

const tags = ['App: inbox'];

/** Inbox settings: each pipeline's distribution rule for accepted leads and its auto-accept per channel. */
export const inboxSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/app/inbox/distribution', { schema: { tags } }, async (request) => ({
    items: await listDistributions(ctxOf(app, request)),
  }));

  app.put(
    '/api/app/inbox/distribution/:pipeline_id',
    { schema: { tags, params: z.object({ pipeline_id: entityId }), body: distributionRuleSchema } },
    async (request) => {
      requireAdmin(request);
      return saveDistribution(ctxOf(app, request), request.params.pipeline_id, request.body);
    },
  );

  app.get('/api/app/inbox/auto-accept', { schema: { tags } }, async (request) => ({
    items: await listAutoAccept(ctxOf(app, request)),
  }));

  app.put(
    '/api/app/inbox/auto-accept/:pipeline_id/:channel',
    {
      schema: {
        tags,
        params: z.object({ pipeline_id: entityId, channel: inboxChannelSchema }),
        body: autoAcceptBodySchema,
      },
    },
    async (request) => {
      requireAdmin(request);
      const { pipeline_id, channel } = request.params;
      return saveAutoAccept(ctxOf(app, request), pipeline_id, channel, request.body);
    },
  );
};
