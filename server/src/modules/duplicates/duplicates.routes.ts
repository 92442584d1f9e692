import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { ctxOf } from '../context.ts';
import { mayView } from '../policy/guards.ts';
import { checkDuplicates } from './check-duplicates.ts';
import {
  duplicateSettingsSchema,
  readDuplicateSettings,
  saveDuplicateSettings,
} from './duplicate-settings.ts';
import {
  checkBodySchema,
  groupsQuerySchema,
  mergeBodySchema,
  mergeOutSchema,
  partyTypeSchema,
} from './duplicates.schema.ts';
import { listDuplicateGroups } from './list-duplicate-groups.ts';
import { listMerges, presentMerge } from './list-merges.ts';
import { mergeRecords } from './merge-records.ts';
import { undoMerge } from './undo-merge.ts';

const tags = ['App: duplicates'];
const typeParams = z.object({ type: partyTypeSchema });

/** Duplicate control: settings, the check before saving, groups in existing data, merge, undo. */
export const duplicatesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/app/duplicates/settings', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    return readDuplicateSettings(ctx.db, ctx.accountId);
  });

  app.put(
    '/api/app/duplicates/settings',
    { schema: { tags, body: duplicateSettingsSchema } },
    async (request) => {
      requireAdmin(request);
      return saveDuplicateSettings(ctxOf(app, request), request.body);
    },
  );

  app.post('/api/app/duplicates/check', { schema: { tags, body: checkBodySchema } }, async (request) => {
    const b = request.body;
    return checkDuplicates(ctxOf(app, request), b.entity_type, {
      name: b.name,
      phones: b.phones,
      emails: b.emails,
      taxIds: b.tax_ids,
      excludeId: b.exclude_id,
    });
  });

  app.get(
    '/api/app/duplicates/:type/groups',
    { schema: { tags, params: typeParams, querystring: groupsQuerySchema } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const q = request.query;
      const page = await listDuplicateGroups(
        ctx.db,
        ctx.accountId,
        request.params.type,
        q.by,
        q.after,
        q.limit,
      );
      // Only the records this user may see; a group left with one member is no group for them.
      const items = [];
      for (const group of page.groups) {
        const members = [];
        for (const m of group.members) if (await mayView(ctx, request.params.type, m)) members.push(m);
        if (members.length > 1) items.push({ ...group, members });
      }
      return { items, next: page.next };
    },
  );

  app.post(
    '/api/app/duplicates/:type/merge',
    { schema: { tags, params: typeParams, body: mergeBodySchema } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const b = request.body;
      const { mergeId } = await mergeRecords(ctx, request.params.type, {
        survivorId: b.survivor_id,
        mergedId: b.merged_id,
        pick: b.pick,
      });
      const [merge] = await listMerges(ctx.db, ctx.accountId, { ids: [mergeId] });
      return mergeOutSchema.parse(merge);
    },
  );

  app.get(
    '/api/app/duplicates/merges',
    {
      schema: {
        tags,
        querystring: z.object({
          entity_type: partyTypeSchema.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      return {
        items: await listMerges(ctx.db, ctx.accountId, {
          entityType: request.query.entity_type,
          limit: request.query.limit,
        }),
      };
    },
  );

  app.post(
    '/api/app/duplicates/merges/:id/undo',
    { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const done = await undoMerge(ctx, request.params.id);
      const [merge] = await listMerges(ctx.db, ctx.accountId, { ids: [done.id] });
      return merge ?? presentMerge(done, '');
    },
  );
};
