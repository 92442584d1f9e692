import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { notifyUser } from '../notifications/notify-user.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { activeRules, type Rule } from './rules.repo.ts';

const DAY = 86_400;

/** The time limit in days of each limited stage of the account. */
export async function stageLimits(db: Kysely<DB>, accountId: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const rule of await activeRules(db, accountId, 'stage_limit'))
    if (rule.stage_id !== null)
      out.set(rule.stage_id, Math.min(out.get(rule.stage_id) ?? Infinity, rule.config.days));
  return out;
}

/** Whole days a card is past its stage's limit (at least 1 once over it), or undefined. */
export function overdueDays(
  limitDays: number | undefined,
  enteredAt: number,
  now: number,
): number | undefined {
  if (limitDays === undefined) return undefined;
  const over = now - enteredAt - limitDays * DAY;
  return over > 0 ? Math.max(1, Math.floor(over / DAY)) : undefined;
}

/** The time limit of the deal's stage and how many days it is past it (null: within it). */
export async function dealStageLimit(
  ctx: Ctx,
  dealId: number,
): Promise<{ days: number; overdue_days: number | null } | null> {
  const deal = await ctx.db
    .selectFrom('deals')
    .select(['stage_id', 'stage_entered_at', 'closed_at'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', dealId)
    .executeTakeFirst();
  if (!deal || deal.closed_at !== null) return null;
  const days = (await stageLimits(ctx.db, ctx.accountId)).get(deal.stage_id);
  if (days === undefined) return null;
  return { days, overdue_days: overdueDays(days, deal.stage_entered_at, nowSeconds()) ?? null };
}

/** One rule's overdue deals, alerted once per stay: a row in stage_limit_alerts claims the alert. */
async function sweepRule(ctx: Ctx, rule: Rule<'stage_limit'>, now: number): Promise<number> {
  if (rule.stage_id === null) return 0;
  const stageId = rule.stage_id;
  const stage = await ctx.db
    .selectFrom('stages')
    .select(['name'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', stageId)
    .executeTakeFirst();
  const due = await ctx.db
    .selectFrom('deals')
    .leftJoin('stage_limit_alerts as a', (j) =>
      j
        .onRef('a.deal_id', '=', 'deals.id')
        .onRef('a.stage_entered_at', '=', 'deals.stage_entered_at')
        .on('a.stage_id', '=', stageId),
    )
    .select(['deals.id', 'deals.name', 'deals.responsible_user_id', 'deals.stage_entered_at'])
    .where('deals.account_id', '=', ctx.accountId)
    .where('deals.stage_id', '=', stageId)
    .where('deals.deleted_at', 'is', null)
    .where('deals.stage_entered_at', '<=', now - rule.config.days * DAY)
    .where('a.deal_id', 'is', null)
    .limit(500)
    .execute();
  let alerted = 0;
  for (const deal of due) {
    const fresh = await withTransaction(ctx, async (c) => {
      // Another node may have claimed it: only the inserter alerts.
      const claimed = await c.db
        .insertInto('stage_limit_alerts')
        .values({
          account_id: c.accountId,
          deal_id: deal.id,
          stage_id: stageId,
          stage_entered_at: deal.stage_entered_at,
          alerted_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('deal_id')
        .executeTakeFirst();
      if (!claimed) return false;
      const days = Math.floor((now - deal.stage_entered_at) / DAY);
      await recordEvents(c.db, [
        {
          accountId: c.accountId,
          type: 'deal.stage_time_exceeded',
          entityType: 'leads',
          entityId: deal.id,
          createdBy: 0,
          after: [{ stage_id: stageId, limit_days: rule.config.days, days_in_stage: days, rule_id: rule.id }],
        },
      ]);
      const recipients = [
        ...(rule.config.notify_responsible && deal.responsible_user_id !== null
          ? [deal.responsible_user_id]
          : []),
        ...rule.config.notify_user_ids,
      ];
      if (recipients.length > 0)
        await notifyUser(c, {
          userIds: recipients,
          kind: 'stage_limit',
          title: `«${deal.name}»: ${days} d. in «${stage?.name ?? ''}» (limit ${rule.config.days})`,
          body: rule.name,
          link: `/deals/${deal.id}`,
          entity: { type: 'leads', id: deal.id },
        });
      return true;
    });
    if (fresh) alerted += 1;
  }
  return alerted;
}

/**
 * Finds the deals that have stayed in a limited stage past its limit and, once per stay, marks
 * them, writes `deal.stage_time_exceeded` (the automation's "stayed N days" trigger reads it)
 * and notifies the responsible user and the rule's supervisors. Safe on several nodes.
 */
export async function sweepStageLimits(db: Kysely<DB>, now = nowSeconds()): Promise<number> {
  const accounts = await db
    .selectFrom('process_rules')
    .select('account_id')
    .distinct()
    .where('kind', '=', 'stage_limit')
    .where('is_active', '=', 1)
    .execute();
  let total = 0;
  for (const { account_id: accountId } of accounts) {
    const account = await findAccount(db, accountId);
    if (!account) continue;
    const ctx: Ctx = { db, account, accountId, userId: 0, user: null, queue: null };
    for (const rule of await activeRules(db, accountId, 'stage_limit'))
      total += await sweepRule(ctx, rule, now);
  }
  return total;
}
