import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal, parseWith, selfLink } from '../../http/hal.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, requestIdOf, sendBatch } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { policyOf, stageVisible } from '../policy/policy.ts';
import { createPipelines } from './create-pipeline.ts';
import { createStages } from './create-stages.ts';
import { deletePipeline } from './delete-pipeline.ts';
import { deleteStage } from './delete-stage.ts';
import { registerEnsurePipeline } from './ensure-pipeline.hook.ts';
import { findPipeline, listPipelines } from './pipelines.repo.ts';
import { assertCanManagePipelines } from './pipelines.policy.ts';
import {
  entityId,
  pipelineBatchUpdateSchema,
  pipelineCreateSchema,
  pipelineUpdateSchema,
  statusBatchUpdateSchema,
  statusCreateSchema,
  statusUpdateSchema,
  withQuery,
} from './pipelines.schema.ts';
import { presentPipeline, presentStatus, type Href } from './present-pipeline.ts';
import { listStages } from './stages.repo.ts';
import { findStatusInPipeline } from './status-ids.ts';
import { updatePipeline, updatePipelines } from './update-pipeline.ts';
import { updateStage, updateStages } from './update-stage.ts';

const tags = ['amoCRM API v4: pipelines'];
const hrefOf =
  (request: FastifyRequest): Href =>
  (path) =>
    absoluteUrl(request, path);
const pipelineParams = z.object({ id: entityId });
const statusParams = z.object({ id: entityId, status_id: entityId });
const base = '/api/v4/leads/pipelines';

/** Pipelines and their statuses (stages), shaped as amoCRM's. */
export const pipelineV4Routes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  app.get(base, { schema: { tags, querystring: withQuery } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const { db, accountId } = ctx;
    const policy = await policyOf(ctx);
    // Rights: stages and pipelines a role may not see are left out.
    const stages = (
      await listStages(
        db,
        accountId,
        (await listPipelines(db, accountId)).map((p) => p.id),
      )
    ).filter((s) => stageVisible(policy, s.id));
    const pipelines = (await listPipelines(db, accountId)).filter((p) =>
      stages.some((s) => s.pipeline_id === p.id),
    );
    const withs = parseWith(request.query.with);
    return hal(reply).send({
      _total_items: pipelines.length,
      _links: selfLink(request),
      _embedded: {
        pipelines: pipelines.map((p) =>
          presentPipeline(hrefOf(request), p, stages, withs.has('descriptions')),
        ),
      },
    });
  });

  app.post(base, { schema: { tags, body: batchOf(pipelineCreateSchema, 50) } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    assertCanManagePipelines(ctx);
    const created = await createPipelines(ctx, request.body);
    const stages = await listStages(
      ctx.db,
      ctx.accountId,
      created.map((p) => p.id),
    );
    const results = created.map((p, i) => ({
      ...presentPipeline(hrefOf(request), p, stages),
      request_id: requestIdOf(request.body[i] ?? {}, i),
    }));
    return sendBatch(request, reply, 'pipelines', base, results);
  });

  app.patch(
    base,
    { schema: { tags, body: batchOf(pipelineBatchUpdateSchema, 50) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const updated = await updatePipelines(ctx, request.body);
      const stages = await listStages(
        ctx.db,
        ctx.accountId,
        updated.map((p) => p.id),
      );
      const results = updated.map((p, i) => ({
        ...presentPipeline(hrefOf(request), p, stages),
        request_id: requestIdOf(request.body[i] ?? {}, i),
      }));
      return sendBatch(request, reply, 'pipelines', base, results);
    },
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, params: pipelineParams, querystring: withQuery } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { db, accountId } = ctx;
      const pipeline = await findPipeline(db, accountId, request.params.id);
      if (!pipeline) throw notFound(msg('pipeline.not_found'));
      const policy = await policyOf(ctx);
      const stages = (await listStages(db, accountId, [pipeline.id])).filter((s) =>
        stageVisible(policy, s.id),
      );
      if (stages.length === 0) throw notFound(msg('pipeline.not_found'));
      const withs = parseWith(request.query.with);
      return hal(reply).send(presentPipeline(hrefOf(request), pipeline, stages, withs.has('descriptions')));
    },
  );

  app.patch(
    `${base}/:id`,
    { schema: { tags, params: pipelineParams, body: pipelineUpdateSchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const pipeline = await updatePipeline(ctx, request.params.id, request.body);
      const stages = await listStages(ctx.db, ctx.accountId, [pipeline.id]);
      return hal(reply).send(presentPipeline(hrefOf(request), pipeline, stages));
    },
  );

  app.delete(`${base}/:id`, { schema: { tags, params: pipelineParams } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    assertCanManagePipelines(ctx);
    await deletePipeline(ctx, request.params.id);
    return reply.code(204).send();
  });

  app.get(
    `${base}/:id/statuses`,
    { schema: { tags, params: pipelineParams, querystring: withQuery } },
    async (request, reply) => {
      const { db, accountId } = ctxOf(app, request);
      const pipeline = await findPipeline(db, accountId, request.params.id);
      if (!pipeline) throw notFound(msg('pipeline.not_found'));
      const stages = await listStages(db, accountId, [pipeline.id]);
      const withs = parseWith(request.query.with);
      return hal(reply).send({
        _total_items: stages.length,
        _links: selfLink(request),
        _embedded: {
          statuses: stages.map((s) => presentStatus(hrefOf(request), s, withs.has('descriptions'))),
        },
      });
    },
  );

  app.post(
    `${base}/:id/statuses`,
    { schema: { tags, params: pipelineParams, body: batchOf(statusCreateSchema, 100) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const created = await createStages(ctx, request.params.id, request.body);
      const results = created.map((s, i) => ({
        ...presentStatus(hrefOf(request), s),
        request_id: requestIdOf(request.body[i] ?? {}, i),
      }));
      return sendBatch(request, reply, 'statuses', `${base}/${request.params.id}/statuses`, results);
    },
  );

  app.patch(
    `${base}/:id/statuses`,
    { schema: { tags, params: pipelineParams, body: batchOf(statusBatchUpdateSchema, 100) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const updated = await updateStages(ctx, request.params.id, request.body);
      const results = updated.map((s, i) => ({
        ...presentStatus(hrefOf(request), s),
        request_id: requestIdOf(request.body[i] ?? {}, i),
      }));
      return sendBatch(request, reply, 'statuses', `${base}/${request.params.id}/statuses`, results);
    },
  );

  app.get(
    `${base}/:id/statuses/:status_id`,
    { schema: { tags, params: statusParams, querystring: withQuery } },
    async (request, reply) => {
      const { db, accountId } = ctxOf(app, request);
      const stage = await findStatusInPipeline(db, accountId, request.params.id, request.params.status_id);
      if (!stage) throw notFound(msg('stage.not_found'));
      const withs = parseWith(request.query.with);
      return hal(reply).send(presentStatus(hrefOf(request), stage, withs.has('descriptions')));
    },
  );

  app.patch(
    `${base}/:id/statuses/:status_id`,
    { schema: { tags, params: statusParams, body: statusUpdateSchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      const stage = await updateStage(ctx, request.params.id, request.params.status_id, request.body);
      return hal(reply).send(presentStatus(hrefOf(request), stage));
    },
  );

  app.delete(
    `${base}/:id/statuses/:status_id`,
    {
      schema: {
        tags,
        description:
          'Voronka extension: `move_to` names the status that receives the deals of the deleted one.',
        params: statusParams,
        querystring: z.object({ move_to: entityId.optional() }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      assertCanManagePipelines(ctx);
      await deleteStage(ctx, request.params.id, request.params.status_id, request.query.move_to);
      return reply.code(204).send();
    },
  );
};
