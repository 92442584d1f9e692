import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { accountUserIds } from '../../users/users.repo.ts';
import { PermanentActionError } from './define-action.ts';

const id = z.number().int().positive();

/** Who gets the deal or task: the deal's responsible, one user, or a distribution among users. */
export const responsibleSchema = z
  .object({
    mode: z.enum(['deal', 'user', 'round_robin', 'percentage', 'least_open']).default('deal'),
    user_id: id.optional(),
    user_ids: z.array(id).max(200).default([]),
    /** percentage: a weight per user of user_ids, in the same order (e.g. 70, 30). */
    weights: z.array(z.number().int().min(0).max(1000)).max(200).default([]),
    /** Skip users marked as not working now (Settings of the digital pipeline). */
    only_working: z.boolean().default(false),
  })
  .default({ mode: 'deal', user_ids: [], weights: [], only_working: false });
export type ResponsibleRef = z.infer<typeof responsibleSchema>;

/** How many deals each user got from this trigger's earlier runs (its distribution memory). */
async function assignedCounts(ctx: Ctx, triggerId: number, users: number[]): Promise<Map<number, number>> {
  const rows = await ctx.db
    .selectFrom('automation_runs')
    .select(['result_json'])
    .where('account_id', '=', ctx.accountId)
    .where('trigger_id', '=', triggerId)
    .where('status', '=', 'done')
    .orderBy('id', 'desc')
    .limit(5000)
    .execute();
  const counts = new Map(users.map((u) => [u, 0]));
  const shape = z.object({ assignee: z.number() });
  for (const r of rows) {
    const parsed = shape.safeParse(r.result_json ? JSON.parse(r.result_json) : null);
    if (parsed.success && counts.has(parsed.data.assignee))
      counts.set(parsed.data.assignee, (counts.get(parsed.data.assignee) ?? 0) + 1);
  }
  return counts;
}

async function openDeals(ctx: Ctx, users: number[]): Promise<Map<number, number>> {
  const rows = await ctx.db
    .selectFrom('deals')
    .select(['responsible_user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', ctx.accountId)
    .where('responsible_user_id', 'in', users)
    .where('deleted_at', 'is', null)
    .where('closed_at', 'is', null)
    .groupBy('responsible_user_id')
    .execute();
  const out = new Map(users.map((u) => [u, 0]));
  for (const r of rows) if (r.responsible_user_id !== null) out.set(r.responsible_user_id, Number(r.n));
  return out;
}

/**
 * Resolves a responsible reference to a user id. Round robin gives the next user after the one
 * that got the fewest from this trigger (ties by list order); percentage keeps each user's share
 * of this trigger's deals closest to its weight; least open picks the user with the fewest open
 * deals now. Inactive users, and with `only_working` the users marked away, are skipped.
 */
export async function resolveResponsible(
  ctx: Ctx,
  ref: ResponsibleRef,
  opts: {
    dealResponsible: number | null;
    triggerId: number;
    awayUserIds: number[];
    /** The distribution memory when it is not a trigger's runs (e.g. the inbox's accepted leads). */
    assigned?: (users: number[]) => Promise<Map<number, number>>;
  },
): Promise<number> {
  if (ref.mode === 'deal') {
    if (opts.dealResponsible === null) throw new PermanentActionError('The deal has no responsible user');
    return opts.dealResponsible;
  }
  if (ref.mode === 'user') {
    if (ref.user_id === undefined) throw new PermanentActionError('No user chosen');
    if (!(await accountUserIds(ctx.db, ctx.accountId, [ref.user_id])).has(ref.user_id))
      throw new PermanentActionError(`User ${ref.user_id} is not an active user of the account`);
    return ref.user_id;
  }
  const active = await accountUserIds(ctx.db, ctx.accountId, ref.user_ids);
  const candidates = ref.user_ids.filter(
    (u) => active.has(u) && !(ref.only_working && opts.awayUserIds.includes(u)),
  );
  if (candidates.length === 0) throw new PermanentActionError('No available user to distribute to');
  if (ref.mode === 'least_open') {
    const open = await openDeals(ctx, candidates);
    return candidates.reduce((best, u) => ((open.get(u) ?? 0) < (open.get(best) ?? 0) ? u : best));
  }
  const counts = opts.assigned
    ? await opts.assigned(candidates)
    : await assignedCounts(ctx, opts.triggerId, candidates);
  if (ref.mode === 'round_robin') {
    return candidates.reduce((best, u) => ((counts.get(u) ?? 0) < (counts.get(best) ?? 0) ? u : best));
  }
  const weightOf = (u: number) => ref.weights[ref.user_ids.indexOf(u)] ?? 1;
  const weighted = candidates.filter((u) => weightOf(u) > 0);
  if (weighted.length === 0) throw new PermanentActionError('Every weight is 0');
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + 1;
  const weightSum = weighted.reduce((a, u) => a + weightOf(u), 0);
  // The user furthest below its share after this assignment.
  const deficit = (u: number) => (weightOf(u) / weightSum) * total - (counts.get(u) ?? 0);
  return weighted.reduce((best, u) => (deficit(u) > deficit(best) ? u : best));
}
