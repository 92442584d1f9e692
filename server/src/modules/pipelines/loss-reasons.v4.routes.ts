import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal, selfLink } from '../../http/hal.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, requestIdOf, sendBatch } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { createLossReasons } from './create-loss-reasons.ts';
import { deleteLossReason } from './delete-loss-reason.ts';
import { registerEnsurePipeline } from './ensure-pipeline.hook.ts';
import { findLossReason, listLossReasons } from './loss-reasons.repo.ts';
import { assertCanManagePipelines } from './pipelines.policy.ts';
import { entityId, lossReasonCreateSchema, lossReasonUpdateSchema } from './pipelines.schema.ts';
import { presentLossReason } from './present-pipeline.ts';
import { updateLossReason } from './update-loss-reason.ts';

const tags = ['amoCRM API v4: loss reasons'];
const base = '/api/v4/leads/loss_reasons';
const params = z.object({ id: entityId });

/** The reasons a deal was lost, chosen when it moves to status 143. */
export const lossReasonV4Routes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  app.get(base, { schema: { tags } }, async (request, reply) => {
    const { db, accountId } = ctxOf(app, request);
    const reasons = await listLossReasons(db, accountId);
    if (reasons.length === 0) return reply.code(204).send();
    const href = (path: string) => absoluteUrl(request, path);
    return hal(reply).send({
      _total_items: reasons.length,
      _page: 1,
      _links: selfLink(request),
      _embedded: { loss_reasons: reasons.map((r) => presentLossReason(href, r)) },
    });
  });

  app.post(base, { schema: { tags, body: batchOf(lossReasonCreateSchema, 100) } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    assertCanManagePipelines(ctx);
    const created = await createLossReasons(ctx, request.body);
    const href = (path: string) => absoluteUrl(request, path);
    const results = created.map((r, i) => ({
      ...presentLossReason(href, r),
      request_id: requestIdOf(request.body[i] ?? {}, i),
    }));
    return sendBatch(request, reply, 'loss_reasons', base, results);
  });

  app.get(`${base}/:id`, { schema: { tags, params } }, async (request, reply) => {
    const { db, accountId } = ctxOf(app, request);
    const reason = await findLossReason(db, accountId, request.params.id);
    if (!reason) throw notFound(msg('loss_reason.not_found'));
    return hal(reply).send(presentLossReason((path) => absoluteUrl(request, path), reason));
  });

  app.patch(
    `${base}/:id`,
    { schema: { tags, params, body: lossReasonUpdateSchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const reason = await updateLossReason(ctx, request.params.id, request.body);
      return hal(reply).send(presentLossReason((path) => absoluteUrl(request, path), reason));
    },
  );

  app.delete(`${base}/:id`, { schema: { tags, params } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    assertCanManagePipelines(ctx);
    await deleteLossReason(ctx, request.params.id);
    return reply.code(204).send();
  });
};
