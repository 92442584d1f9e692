import { crmEntityTypes } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../../http/auth.ts';
import { hal } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, pageOffset, pagingSchema, sendBatch, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { createFieldGroups } from './create-field-groups.ts';
import { deleteFieldGroup } from './delete-field-group.ts';
import { findGroup, listGroups } from './field-groups.repo.ts';
import { groupCreateSchema, groupIdParamsSchema, groupPatchSchema } from './fields.schema.ts';
import { presentFieldGroup } from './present-field-group.ts';
import { updateFieldGroup } from './update-field-group.ts';

/** /api/v4/{entity}/custom_fields/groups: reads for everyone, writes for admins. */
export const fieldGroupRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: custom field groups'];
  for (const entity of crmEntityTypes) {
    const base = `/api/v4/${entity}/custom_fields/groups`;

    app.get(base, { schema: { tags, querystring: pagingSchema } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const rows = await listGroups(ctx.db, ctx.accountId, entity, {
        limit: request.query.limit,
        offset: pageOffset(request.query),
      });
      const items = rows.map((g) => presentFieldGroup(request, g));
      return sendList(request, reply, 'custom_field_groups', items, request.query);
    });

    app.post(base, { schema: { tags, body: batchOf(groupCreateSchema) } }, async (request, reply) => {
      requireAdmin(request);
      const created = await createFieldGroups(ctxOf(app, request), entity, request.body);
      const results = created.map((r, i) => ({
        id: Number(r.id),
        name: request.body[i]?.name ?? '',
        sort: request.body[i]?.sort ?? (i + 1) * 10,
        is_predefined: false,
        entity_type: entity,
        request_id: r.request_id,
      }));
      return sendBatch(request, reply, 'custom_field_groups', base, results);
    });

    app.get(`${base}/:id`, { schema: { tags, params: groupIdParamsSchema } }, async (request, reply) => {
      const ctx = ctxOf(app, request);
      const group = await findGroup(ctx.db, ctx.accountId, entity, request.params.id);
      if (!group) throw notFound(`No field group ${request.params.id}`);
      return hal(reply).send(presentFieldGroup(request, group));
    });

    app.patch(
      `${base}/:id`,
      { schema: { tags, params: groupIdParamsSchema, body: groupPatchSchema } },
      async (request, reply) => {
        requireAdmin(request);
        const group = await updateFieldGroup(ctxOf(app, request), entity, request.params.id, request.body);
        return hal(reply).send(presentFieldGroup(request, group));
      },
    );

    app.delete(`${base}/:id`, { schema: { tags, params: groupIdParamsSchema } }, async (request, reply) => {
      requireAdmin(request);
      await deleteFieldGroup(ctxOf(app, request), entity, request.params.id);
      return reply.code(204).send();
    });
  }
};
