import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../../http/auth.ts';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { ctxOf } from '../context.ts';
import { presentWebhook } from './present-webhook.ts';
import { subscribeWebhook } from './subscribe-webhook.ts';
import { unsubscribeWebhook } from './unsubscribe-webhook.ts';
import { listWebhooks } from './webhooks.repo.ts';
import { subscribeSchema, unsubscribeSchema, webhookListQuerySchema } from './webhooks.schema.ts';

/** amoCRM's webhook subscriptions (administrators only, as in amoCRM). */
export const webhookV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: webhooks'];

  app.get(
    '/api/v4/webhooks',
    { schema: { tags, querystring: webhookListQuerySchema } },
    async (request, reply) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const hooks = await listWebhooks(ctx.db, ctx.accountId, request.query.filter?.destination);
      if (hooks.length === 0) return reply.code(204).send();
      return hal(reply).send({
        _total_items: hooks.length,
        _links: { self: { href: absoluteUrl(request, request.url) } },
        _embedded: { webhooks: hooks.map(presentWebhook) },
      });
    },
  );

  app.post('/api/v4/webhooks', { schema: { tags, body: subscribeSchema } }, async (request, reply) => {
    requireAdmin(request);
    const hook = await subscribeWebhook(ctxOf(app, request), request.body);
    // The signing secret is shown to the subscriber here (and to administrators in Settings).
    return hal(reply).send({ ...presentWebhook(hook), secret: hook.secret });
  });

  app.delete('/api/v4/webhooks', { schema: { tags, body: unsubscribeSchema } }, async (request, reply) => {
    requireAdmin(request);
    await unsubscribeWebhook(ctxOf(app, request), request.body.destination);
    return reply.code(204).send();
  });
};
