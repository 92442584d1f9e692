import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { batchOf, requestIdOf } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { registerEnsurePipeline } from '../pipelines/ensure-pipeline.hook.ts';
import { callItemSchema, genericCallSchema, toCallItem } from './calls.schema.ts';
import { registerCall } from './register-call.ts';

const tags = ['amoCRM API v4: calls'];

/**
 * Telephony: amoCRM's POST /api/v4/calls (each call on its own: a number that matches nothing is
 * reported in `errors`, the others are kept) and a provider-neutral webhook for any PBX.
 */
export const callRoutes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  app.post(
    '/api/v4/calls',
    { schema: { tags, body: batchOf(callItemSchema, 50) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const calls = [];
      const errors = [];
      for (const [i, item] of request.body.entries()) {
        const requestId = requestIdOf(item, i);
        const result = await registerCall(ctx, item);
        if (result.kind === 'unknown_number') {
          errors.push({
            request_id: requestId,
            code: 'EntityNotFound',
            detail: `No contact with phone ${item.phone}`,
          });
          continue;
        }
        const entityType = result.kind === 'note' ? result.entityType : 'leads';
        const entityId = result.kind === 'note' ? result.entityId : result.dealId;
        calls.push({
          id: result.kind === 'note' ? result.noteId : (result.noteId ?? 0),
          entity_id: entityId,
          entity_type: entityType,
          account_id: ctx.accountId,
          request_id: requestId,
          _embedded: {
            entity: {
              id: entityId,
              _links: { self: { href: absoluteUrl(request, `/api/v4/${entityType}/${entityId}`) } },
            },
          },
        });
      }
      return hal(reply).send({ _total_items: calls.length, errors, _embedded: { calls } });
    },
  );

  app.post(
    '/api/v4/calls/inbound',
    { schema: { tags: ['Telephony'], body: genericCallSchema } },
    async (request, reply) => {
      const result = await registerCall(ctxOf(app, request), toCallItem(request.body));
      return hal(reply).send(result);
    },
  );
};
