import {
  appWebhookCreateSchema,
  appWebhookDeliveryListSchema,
  appWebhookListSchema,
  appWebhookPatchSchema,
  appWebhookSchema,
  webhookDeliveryStatuses,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { presentDelivery } from './present-webhook.ts';
import { subscribeWebhook } from './subscribe-webhook.ts';
import { updateWebhookSettings } from './update-webhook.ts';
import { withHealth } from './webhook-health.ts';
import { deleteWebhookById, findWebhook, listDeliveries, listWebhooks } from './webhooks.repo.ts';

const params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Settings → Webhooks: subscriptions with their health, and each one's delivery log. */
export const webhookAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: webhooks'];

  app.get(
    '/api/app/webhooks',
    { schema: { tags, response: { 200: appWebhookListSchema } } },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      return { items: await withHealth(ctx.db, await listWebhooks(ctx.db, ctx.accountId)) };
    },
  );

  app.post(
    '/api/app/webhooks',
    { schema: { tags, body: appWebhookCreateSchema, response: { 200: appWebhookSchema } } },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const hook = await subscribeWebhook(ctx, {
        ...request.body,
        settings: [...new Set(request.body.settings)],
      });
      const [presented] = await withHealth(ctx.db, [hook]);
      if (!presented) throw notFound('Webhook not found');
      return presented;
    },
  );

  app.patch(
    '/api/app/webhooks/:id',
    { schema: { tags, params, body: appWebhookPatchSchema, response: { 200: appWebhookSchema } } },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const hook = await updateWebhookSettings(ctx, request.params.id, request.body);
      const [presented] = await withHealth(ctx.db, [hook]);
      if (!presented) throw notFound('Webhook not found');
      return presented;
    },
  );

  app.delete('/api/app/webhooks/:id', { schema: { tags, params } }, async (request, reply) => {
    requireAdmin(request);
    const ctx = ctxOf(app, request);
    if (!(await deleteWebhookById(ctx.db, ctx.accountId, request.params.id)))
      throw notFound('Webhook not found');
    return reply.code(204).send();
  });

  app.get(
    '/api/app/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params,
        querystring: z.object({
          status: z.enum(webhookDeliveryStatuses).optional(),
          before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: appWebhookDeliveryListSchema },
      },
    },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      if (!(await findWebhook(ctx.db, ctx.accountId, request.params.id))) throw notFound('Webhook not found');
      const { limit, before, status } = request.query;
      const rows = await listDeliveries(ctx.db, ctx.accountId, request.params.id, {
        limit: limit + 1,
        before,
        status,
      });
      const items = rows.slice(0, limit).map(presentDelivery);
      return { items, next_before: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
    },
  );
};
