import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { registerEnsurePipeline } from '../pipelines/ensure-pipeline.hook.ts';
import { entityId } from '../pipelines/pipelines.schema.ts';
import { acceptIncomingLead } from './accept-incoming-lead.ts';
import { declineIncomingLead } from './decline-incoming-lead.ts';
import { findIncomingLead, findSource, listSources } from './inbox.repo.ts';
import { categorySchema, uidParamsSchema } from './inbox.schema.ts';
import { linkIncomingLead } from './link-incoming-lead.ts';
import { listIncomingPage } from './list-incoming-leads.ts';
import { loadEntryRefs, presentInboxEntry } from './present-inbox-entry.ts';
import { summariseInbox } from './summarise-inbox.ts';
import { updateSource } from './update-source.ts';

const tags = ['App: inbox'];
const statusSchema = z.enum(['new', 'accepted', 'declined', 'linked']);

/** The Inbox page's endpoints: entries with what they point at, decisions, summary, sources. */
export const inboxAppRoutes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  const presentOne = async (ctx: ReturnType<typeof ctxOf>, uid: string) => {
    const entry = await findIncomingLead(ctx.db, ctx.accountId, uid);
    if (!entry) throw notFound('Incoming lead not found');
    const refs = await loadEntryRefs(ctx.db, ctx.accountId, [entry]);
    return presentInboxEntry(entry, await findSource(ctx.db, ctx.accountId, entry.source_id), refs);
  };

  app.get(
    '/api/app/inbox',
    {
      schema: {
        tags,
        querystring: z.object({
          status: statusSchema.optional(),
          category: categorySchema.optional(),
          pipeline_id: entityId.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const q = request.query;
      const { rows, sources } = await listIncomingPage(
        ctx,
        {
          statuses: q.status ? [q.status] : undefined,
          categories: q.category ? [q.category] : undefined,
          pipelineIds: q.pipeline_id ? [q.pipeline_id] : undefined,
        },
        { page: q.page, limit: q.limit },
      );
      const page = rows.slice(0, q.limit);
      const refs = await loadEntryRefs(ctx.db, ctx.accountId, page);
      return {
        items: page.map((e) => presentInboxEntry(e, sources.get(e.source_id), refs)),
        has_more: rows.length > q.limit,
      };
    },
  );

  app.get('/api/app/inbox/summary', { schema: { tags } }, async (request) =>
    summariseInbox(ctxOf(app, request), {}),
  );

  app.get('/api/app/inbox/sources', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    return { items: await listSources(ctx.db, ctx.accountId) };
  });

  app.patch(
    '/api/app/inbox/sources/:id',
    {
      schema: {
        tags,
        params: z.object({ id: entityId }),
        body: z.object({
          auto_accept_stage_id: z.number().int().positive().nullable(),
          auto_accept_user_id: z.number().int().positive().nullable().optional(),
        }),
      },
    },
    async (request) => {
      requireAdmin(request);
      return updateSource(ctxOf(app, request), request.params.id, request.body);
    },
  );

  app.get('/api/app/inbox/:uid', { schema: { tags, params: uidParamsSchema } }, async (request) =>
    presentOne(ctxOf(app, request), request.params.uid),
  );

  app.post(
    '/api/app/inbox/:uid/accept',
    {
      schema: {
        tags,
        params: uidParamsSchema,
        body: z.object({
          stage_id: z.number().int().positive().optional(),
          user_id: z.number().int().positive().optional(),
        }),
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      await acceptIncomingLead(ctx, request.params.uid, {
        stageId: request.body.stage_id,
        userId: request.body.user_id,
      });
      return presentOne(ctx, request.params.uid);
    },
  );

  app.post('/api/app/inbox/:uid/decline', { schema: { tags, params: uidParamsSchema } }, async (request) => {
    const ctx = ctxOf(app, request);
    await declineIncomingLead(ctx, request.params.uid);
    return presentOne(ctx, request.params.uid);
  });

  app.post(
    '/api/app/inbox/:uid/link',
    { schema: { tags, params: uidParamsSchema, body: z.object({ deal_id: z.number().int().positive() }) } },
    async (request) => {
      const ctx = ctxOf(app, request);
      await linkIncomingLead(ctx, request.params.uid, request.body.deal_id);
      return presentOne(ctx, request.params.uid);
    },
  );
};
