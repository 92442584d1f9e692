import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProcessRuleRow } from '../../db/types-rights.ts';
import { requireAdmin } from '../../http/auth.ts';
import { appLanguage } from '../../http/language.ts';
import { translate } from '../../http/messages.ts';
import { ctxOf } from '../context.ts';
import { listRuleRows } from './rules.repo.ts';
import { ruleInputSchema } from './rules.schema.ts';
import { createRule, deleteRule, updateRule } from './save-rule.ts';
import { reanimateDeal, reanimationOptions } from './reanimate-deal.ts';
import { dealStageLimit } from './stage-limits.ts';

const params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const tags = ['App: process rules'];

function presentRule(row: ProcessRuleRow) {
  let config: unknown = {};
  try {
    config = JSON.parse(row.config);
  } catch {
    config = {};
  }
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    pipeline_id: row.pipeline_id,
    stage_id: row.stage_id,
    is_active: row.is_active === 1,
    config,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Settings → Process rules: the regulation of each pipeline and stage. Writes are for admins. */
export const processRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/app/process-rules', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    return { rules: (await listRuleRows(ctx.db, ctx.accountId)).map(presentRule) };
  });

  app.post('/api/app/process-rules', { schema: { tags, body: ruleInputSchema } }, async (request) => {
    requireAdmin(request);
    return presentRule(await createRule(ctxOf(app, request), request.body));
  });

  app.put(
    '/api/app/process-rules/:id',
    { schema: { tags, params, body: ruleInputSchema } },
    async (request) => {
      requireAdmin(request);
      return presentRule(await updateRule(ctxOf(app, request), request.params.id, request.body));
    },
  );

  app.delete('/api/app/process-rules/:id', { schema: { tags, params } }, async (request, reply) => {
    requireAdmin(request);
    await deleteRule(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });

  // The deal card's process panel: reanimation rules (checked for rights inside) and the stage's limit.
  app.get('/api/app/deals/:id/reanimation', { schema: { tags, params } }, async (request) => {
    const ctx = ctxOf(app, request);
    const lang = appLanguage(request) ?? 'en';
    const options = (await reanimationOptions(ctx, request.params.id)).map((o) => ({
      ...o,
      blockers: o.blockers.map((m) => translate(m, lang)),
    }));
    return { options, stage_limit: await dealStageLimit(ctx, request.params.id) };
  });

  app.post(
    '/api/app/deals/:id/reanimate',
    {
      schema: {
        tags,
        params,
        body: z.object({
          rule_id: z.number().int().positive(),
          loss_reason_id: z.number().int().positive().optional(),
          name: z.string().trim().min(1).max(255).optional(),
        }),
      },
    },
    async (request) => reanimateDeal(ctxOf(app, request), request.params.id, request.body),
  );
};
