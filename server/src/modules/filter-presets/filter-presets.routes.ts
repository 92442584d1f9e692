import { dealFilterPresetInputSchema, dealFilterPresetSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { conflict, notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import { countPresets, deletePreset, insertPreset, listPresets } from './filter-presets.repo.ts';

const tags = ['App: board'];
const MAX_PRESETS = 50;

/** Saved filters of the board and the deal list: each user's own. */
export const filterPresetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/app/deal-filter-presets',
    { schema: { tags, response: { 200: z.array(dealFilterPresetSchema) } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      return listPresets(ctx.db, ctx.accountId, ctx.userId);
    },
  );

  app.post(
    '/api/app/deal-filter-presets',
    { schema: { tags, body: dealFilterPresetInputSchema, response: { 201: dealFilterPresetSchema } } },
    async (request, reply) => {
      const { db, accountId, userId } = ctxOf(app, request);
      if ((await countPresets(db, accountId, userId)) >= MAX_PRESETS)
        throw conflict(`At most ${MAX_PRESETS} saved filters; delete one first`);
      const preset = await insertPreset(db, {
        account_id: accountId,
        user_id: userId,
        name: request.body.name,
        query: request.body.query.replace(/^\?/, ''),
        created_at: nowSeconds(),
      });
      return reply.code(201).send(preset);
    },
  );

  app.delete(
    '/api/app/deal-filter-presets/:id',
    { schema: { tags, params: z.object({ id: entityId }) } },
    async (request, reply) => {
      const { db, accountId, userId } = ctxOf(app, request);
      if (!(await deletePreset(db, accountId, userId, request.params.id)))
        throw notFound('Saved filter not found');
      return reply.code(204).send();
    },
  );
};
