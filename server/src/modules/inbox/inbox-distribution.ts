import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { PermanentActionError } from '../automation/engine/define-action.ts';
import { resolveResponsible } from '../automation/engine/distribution.ts';
import { readAutomationSettings } from '../automation/settings.repo.ts';
import type { Ctx } from '../context.ts';
import { refuse } from '../pipelines/errors.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { accountUserIds } from '../users/users.repo.ts';

const id = z.number().int().positive();

/** Who becomes responsible for a lead accepted from a pipeline's inbox. */
export const distributionRuleSchema = z.object({
  /**
   * none: the accepting user (or the auto-accept rule's user); user: always user_ids[0];
   * round_robin: in turn; percentage: by weights; least_open: the fewest open deals now.
   */
  mode: z.enum(['none', 'user', 'round_robin', 'percentage', 'least_open']),
  user_ids: z.array(id).max(200).default([]),
  /** percentage: a weight per user of user_ids, in the same order (e.g. 70, 30). */
  weights: z.array(z.number().int().min(0).max(1000)).max(200).default([]),
  /** Skip users marked as not working now (the digital pipeline's settings). */
  only_working: z.boolean().default(false),
});
export type DistributionRule = z.infer<typeof distributionRuleSchema>;

const NONE: DistributionRule = { mode: 'none', user_ids: [], weights: [], only_working: false };

export async function readDistribution(ctx: Ctx, pipelineId: number): Promise<DistributionRule> {
  const row = await ctx.db
    .selectFrom('pipeline_distribution')
    .select('rule')
    .where('account_id', '=', ctx.accountId)
    .where('pipeline_id', '=', pipelineId)
    .executeTakeFirst();
  if (!row) return NONE;
  const parsed = distributionRuleSchema.safeParse(JSON.parse(row.rule));
  return parsed.success ? parsed.data : NONE;
}

/** Every pipeline's rule (pipelines without one are left out: they use "none"). */
export async function listDistributions(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('pipeline_distribution')
    .select(['pipeline_id', 'rule'])
    .where('account_id', '=', ctx.accountId)
    .execute();
  return rows.flatMap((r) => {
    const parsed = distributionRuleSchema.safeParse(JSON.parse(r.rule));
    return parsed.success ? [{ pipeline_id: r.pipeline_id, ...parsed.data }] : [];
  });
}

export async function saveDistribution(ctx: Ctx, pipelineId: number, rule: DistributionRule) {
  if (!(await findPipeline(ctx.db, ctx.accountId, pipelineId)))
    throw refuse(`Pipeline ${pipelineId} not found`, 'pipeline_id', 'NotFound');
  if (rule.mode !== 'none' && rule.user_ids.length === 0)
    throw refuse('Choose at least one user', 'user_ids', 'Required');
  if (rule.mode === 'percentage') {
    if (rule.weights.length !== rule.user_ids.length)
      throw refuse('Give a percentage for every user', 'weights', 'Required');
    if (!rule.weights.some((w) => w > 0)) throw refuse('Every percentage is 0', 'weights', 'Invalid');
  }
  if (new Set(rule.user_ids).size !== rule.user_ids.length)
    throw refuse('A user is listed twice', 'user_ids', 'Invalid');
  const active = await accountUserIds(ctx.db, ctx.accountId, rule.user_ids);
  const unknown = rule.user_ids.find((u) => !active.has(u));
  if (unknown !== undefined) throw refuse(`User ${unknown} not found`, 'user_ids', 'NotFound');
  // Weights only mean something for percentage: keep the stored rule free of stale ones.
  const stored: DistributionRule = { ...rule, weights: rule.mode === 'percentage' ? rule.weights : [] };
  const row = { rule: JSON.stringify(stored), updated_at: nowSeconds() };
  await ctx.db
    .insertInto('pipeline_distribution')
    .values({ pipeline_id: pipelineId, account_id: ctx.accountId, ...row })
    .onConflict((oc) => oc.column('pipeline_id').doUpdateSet(row))
    .execute();
  return { pipeline_id: pipelineId, ...stored };
}

/** How many of the pipeline's accepted leads each user holds now (the round robin's memory). */
function acceptedCounts(ctx: Ctx, pipelineId: number) {
  return async (users: number[]) => {
    const rows = await ctx.db
      .selectFrom('incoming_leads as l')
      .innerJoin('deals as d', 'd.id', 'l.deal_id')
      .select(['d.responsible_user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('l.account_id', '=', ctx.accountId)
      .where('l.pipeline_id', '=', pipelineId)
      .where('l.status', '=', 'accepted')
      .where('d.responsible_user_id', 'in', users)
      .groupBy('d.responsible_user_id')
      .execute();
    const out = new Map(users.map((u) => [u, 0]));
    for (const r of rows) if (r.responsible_user_id !== null) out.set(r.responsible_user_id, Number(r.n));
    return out;
  };
}

/**
 * The responsible user for a lead accepted from `pipelineId` by the pipeline's distribution rule
 * (reusing the automation engine's round robin / percentage / fewest open deals, skipping users
 * marked away when asked), or null when the pipeline
 * has no rule or none of its users is available.
 */
export async function distributeAccepted(ctx: Ctx, pipelineId: number): Promise<number | null> {
  const rule = await readDistribution(ctx, pipelineId);
  if (rule.mode === 'none') return null;
  const awayUserIds = rule.only_working
    ? (await readAutomationSettings(ctx.db, ctx.accountId)).away_user_ids
    : [];
  try {
    return await resolveResponsible(
      ctx,
      rule.mode === 'user'
        ? { mode: 'user', user_id: rule.user_ids[0], user_ids: [], weights: [], only_working: false }
        : {
            mode: rule.mode,
            user_ids: rule.user_ids,
            weights: rule.weights,
            only_working: rule.only_working,
          },
      { dealResponsible: null, triggerId: 0, awayUserIds, assigned: acceptedCounts(ctx, pipelineId) },
    );
  } catch (error) {
    if (error instanceof PermanentActionError) return null;
    throw error;
  }
}
