import {
  actionCatalogSchema,
  automationSettingsSchema,
  runSchema,
  triggerInputSchema,
  triggerSchema,
  type AutomationSettings,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { loadActions } from './engine/registry.ts';
import { presentRun, presentTrigger } from './present-trigger.ts';
import { listRuns, runStats } from './runs.repo.ts';
import { deleteTrigger, saveTrigger } from './save-trigger.ts';
import { readAutomationSettings, writeAutomationSettings } from './settings.repo.ts';
import { findTrigger, listPipelineTriggers } from './triggers.repo.ts';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pipelineParams = z.object({ id });
const triggerParams = z.object({ id, triggerId: id });

/** Settings as the API shows them: secrets are write-only. */
function presentSettings(s: AutomationSettings) {
  return {
    ...s,
    smtp: s.smtp ? { ...s.smtp, password: undefined, has_password: Boolean(s.smtp.password) } : null,
    sms: s.sms ? { ...s.sms, token: undefined, has_token: Boolean(s.sms.token) } : null,
    ga4: s.ga4 ? { ...s.ga4, api_secret: '', has_api_secret: true } : null,
  };
}

/** The digital pipeline's endpoints for the web app: triggers per pipeline, runs, settings. */
export const automationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: digital pipeline'];

  app.get(
    '/api/app/automation/actions',
    { schema: { tags, response: { 200: actionCatalogSchema } } },
    async (request) => {
      ctxOf(app, request);
      const actions = await loadActions();
      return [...actions.values()].map((a) => ({
        type: a.type,
        external: a.external,
        schema: z.toJSONSchema(a.input, { io: 'input', unrepresentable: 'any' }),
      }));
    },
  );

  app.get(
    '/api/app/pipelines/:id/triggers',
    { schema: { tags, params: pipelineParams, response: { 200: z.array(triggerSchema) } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      if (!(await findPipeline(ctx.db, ctx.accountId, request.params.id)))
        throw notFound('Pipeline not found');
      const rows = await listPipelineTriggers(ctx.db, ctx.accountId, request.params.id);
      const stats = await runStats(
        ctx.db,
        ctx.accountId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => presentTrigger(r, stats.get(r.id)));
    },
  );

  app.post(
    '/api/app/pipelines/:id/triggers',
    {
      schema: {
        tags,
        params: pipelineParams,
        body: triggerInputSchema,
        response: { 200: triggerSchema.extend({ applied: z.number().int() }) },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { trigger, applied } = await saveTrigger(
        ctxOf(app, request),
        request.params.id,
        undefined,
        request.body,
      );
      return { ...presentTrigger(trigger, undefined), applied };
    },
  );

  app.put(
    '/api/app/pipelines/:id/triggers/:triggerId',
    {
      schema: {
        tags,
        params: triggerParams,
        body: triggerInputSchema,
        response: { 200: triggerSchema.extend({ applied: z.number().int() }) },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { id: pipelineId, triggerId } = request.params;
      const { trigger, applied } = await saveTrigger(
        ctxOf(app, request),
        pipelineId,
        triggerId,
        request.body,
      );
      return { ...presentTrigger(trigger, undefined), applied };
    },
  );

  app.delete(
    '/api/app/pipelines/:id/triggers/:triggerId',
    { schema: { tags, params: triggerParams } },
    async (request, reply) => {
      requireAdmin(request);
      await deleteTrigger(ctxOf(app, request), request.params.id, request.params.triggerId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/app/pipelines/:id/automation-runs',
    {
      schema: {
        tags,
        params: pipelineParams,
        querystring: z.object({
          trigger_id: id.optional(),
          deal_id: id.optional(),
          before: id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(runSchema), next_before: z.number().nullable() }) },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const { trigger_id, deal_id, before, limit } = request.query;
      let triggerIds = (await listPipelineTriggers(ctx.db, ctx.accountId, request.params.id)).map(
        (t) => t.id,
      );
      if (trigger_id !== undefined) {
        const t = await findTrigger(ctx.db, ctx.accountId, trigger_id);
        if (t?.pipeline_id !== request.params.id) throw notFound('Trigger not found');
        triggerIds = [trigger_id];
      }
      if (triggerIds.length === 0) return { items: [], next_before: null };
      const rows = await listRuns(ctx.db, ctx.accountId, {
        triggerIds,
        dealId: deal_id,
        before,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentRun),
        next_before: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get('/api/app/automation/settings', { schema: { tags } }, async (request) => {
    requireAdmin(request);
    const ctx = ctxOf(app, request);
    return presentSettings(await readAutomationSettings(ctx.db, ctx.accountId));
  });

  app.put(
    '/api/app/automation/settings',
    { schema: { tags, body: automationSettingsSchema } },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const old = await readAutomationSettings(ctx.db, ctx.accountId);
      const next = request.body;
      // Secrets left empty keep their stored value.
      if (next.smtp && !next.smtp.password && old.smtp?.password) next.smtp.password = old.smtp.password;
      if (next.sms && !next.sms.token && old.sms?.token) next.sms.token = old.sms.token;
      if (next.ga4 && !next.ga4.api_secret && old.ga4) next.ga4.api_secret = old.ga4.api_secret;
      if (next.ga4 && !next.ga4.api_secret)
        throw badRequest([{ code: 'too_small', path: 'ga4.api_secret', detail: 'Enter the API secret' }]);
      await writeAutomationSettings(ctx.db, ctx.accountId, next);
      return presentSettings(next);
    },
  );
};
