import { crmEntityTypes } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../../http/auth.ts';
import { hal } from '../../http/hal.ts';
import { batchOf, pageOffset, sendBatch, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { createCustomFields } from './create-custom-fields.ts';
import { deleteCustomField } from './delete-custom-field.ts';
import {
  customFieldCreateSchema,
  customFieldPatchSchema,
  customFieldUpdateItemSchema,
  fieldIdParamsSchema,
  fieldListQuerySchema,
} from './fields.schema.ts';
import { getCustomField, listCustomFields } from './list-custom-fields.ts';
import { presentCustomField } from './present-custom-field.ts';
import { updateCustomField, updateCustomFields } from './update-custom-fields.ts';

/** /api/v4/{leads|contacts|companies}/custom_fields: reads for everyone, writes for admins. */
export const customFieldRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: custom fields'];
  for (const entity of crmEntityTypes) {
    const base = `/api/v4/${entity}/custom_fields`;

    app.get(base, { schema: { tags, querystring: fieldListQuerySchema } }, async (request, reply) => {
      const { page, limit, filter } = request.query;
      const rows = await listCustomFields(ctxOf(app, request), entity, {
        limit,
        offset: pageOffset({ page, limit }),
        types: filter?.type ?? [],
      });
      const items = rows.map((f) => presentCustomField(request, f));
      return sendList(request, reply, 'custom_fields', items, { page, limit });
    });

    app.post(base, { schema: { tags, body: batchOf(customFieldCreateSchema) } }, async (request, reply) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const created = await createCustomFields(ctx, entity, request.body);
      const results = [];
      for (const r of created)
        results.push({ ...presentCustomField(request, await getCustomField(ctx, entity, r.id)), ...r });
      return sendBatch(request, reply, 'custom_fields', base, results);
    });

    app.patch(
      base,
      { schema: { tags, body: batchOf(customFieldUpdateItemSchema) } },
      async (request, reply) => {
        requireAdmin(request);
        const ctx = ctxOf(app, request);
        await updateCustomFields(ctx, entity, request.body);
        const results = [];
        for (const [i, item] of request.body.entries()) {
          const field = presentCustomField(request, await getCustomField(ctx, entity, item.id));
          results.push({ ...field, request_id: item.request_id ?? String(i) });
        }
        return sendBatch(request, reply, 'custom_fields', base, results);
      },
    );

    app.get(`${base}/:id`, { schema: { tags, params: fieldIdParamsSchema } }, async (request, reply) => {
      const field = await getCustomField(ctxOf(app, request), entity, request.params.id);
      return hal(reply).send(presentCustomField(request, field));
    });

    app.patch(
      `${base}/:id`,
      { schema: { tags, params: fieldIdParamsSchema, body: customFieldPatchSchema } },
      async (request, reply) => {
        requireAdmin(request);
        const ctx = ctxOf(app, request);
        await updateCustomField(ctx, entity, request.params.id, request.body);
        return hal(reply).send(
          presentCustomField(request, await getCustomField(ctx, entity, request.params.id)),
        );
      },
    );

    app.delete(`${base}/:id`, { schema: { tags, params: fieldIdParamsSchema } }, async (request, reply) => {
      requireAdmin(request);
      await deleteCustomField(ctxOf(app, request), entity, request.params.id);
      return reply.code(204).send();
    });
  }
};
