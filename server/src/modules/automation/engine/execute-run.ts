import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import type { DB } from '../../../db/types.ts';
import type { AutomationRun, AutomationRunStatus } from '../../../db/types-automation.ts';
import { ProblemError } from '../../../http/problem.ts';
import { findAccount } from '../../accounts/accounts.repo.ts';
import type { Ctx } from '../../context.ts';
import { findDeal } from '../../deals/deals.repo.ts';
import { createNotes } from '../../notes/create-notes.ts';
import { lockPendingRun, pendingRun, updateRun } from '../runs.repo.ts';
import { readAutomationSettings } from '../settings.repo.ts';
import { findTrigger } from '../triggers.repo.ts';
import { conditionsMet } from './conditions.ts';
import {
  PermanentActionError,
  type ActionContext,
  type ActionDefinition,
  type ActionResult,
} from './define-action.ts';
import type { AutomationRuntime } from './options.ts';
import { parseTrigger } from './parse-trigger.ts';
import { buildPlaceholderModel, renderTemplate } from './placeholders.ts';
import { loadActions } from './registry.ts';

const clip = (s: string, n = 2000) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const isPermanent = (err: unknown): boolean =>
  err instanceof PermanentActionError ||
  err instanceof ZodError ||
  (err instanceof ProblemError && err.status >= 400 && err.status < 500);

function describe(err: unknown): string {
  if (err instanceof ProblemError) {
    const details = JSON.stringify(err.extra['validation-errors'] ?? '');
    return clip(`${err.detail}${details && details !== '""' ? ` ${details}` : ''}`);
  }
  if (err instanceof ZodError)
    return clip(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return clip(err instanceof Error ? err.message : String(err));
}

/** A line in the deal's feed, written by the robot: "Robot · <trigger>: <what happened>". */
async function timelineNote(ctx: Ctx, run: AutomationRun, label: string, text: string) {
  await createNotes(ctx, 'leads', [
    {
      requestId: '0',
      entity_id: run.deal_id,
      note_type: 'service_message',
      params: {
        service: ctx.account.locale === 'en' ? 'Robot' : 'Робот',
        text: clip(`${label}: ${text}`, 20_000),
      },
    },
  ]);
}

type Prepared = {
  run: AutomationRun;
  action: ActionDefinition;
  input: unknown;
  actx: Omit<ActionContext, 'ctx'>;
  ctx: Ctx;
  label: string;
};

async function finish(
  db: Kysely<DB>,
  prepared: Pick<Prepared, 'run' | 'ctx' | 'label'>,
  status: AutomationRunStatus,
  details: { error?: string; result?: ActionResult },
) {
  const { run, ctx, label } = prepared;
  await updateRun(db, run.id, {
    status,
    ran_at: nowSeconds(),
    error: details.error ?? null,
    result_json: details.result
      ? JSON.stringify({ summary: details.result.summary, ...details.result.data })
      : null,
  });
  const c = { ...ctx, db };
  if (status === 'done' && details.result) await timelineNote(c, run, label, details.result.summary);
  if (status === 'failed')
    await timelineNote(
      c,
      run,
      label,
      `${ctx.account.locale === 'en' ? 'failed' : 'ошибка'} — ${details.error ?? ''}`,
    );
  if (status === 'skipped')
    await timelineNote(
      c,
      run,
      label,
      ctx.account.locale === 'en' ? 'skipped, conditions not met' : 'пропущено, условия не выполнены',
    );
}

/** Records robot-made events of this run with its depth, so the triggers they fire know it. */
async function markDepth(db: Kysely<DB>, run: AutomationRun, afterEventId: number) {
  // By id alone (a short range of the primary key: the events since the action began), then
  // filtered here: with `account_id = ?` in the WHERE the planner may walk the account's index.
  const rows = (
    await db
      .selectFrom('events')
      .select(['id', 'account_id', 'created_by'])
      .where('id', '>', afterEventId)
      .execute()
  ).filter((r) => r.account_id === run.account_id && r.created_by === 0);
  if (rows.length === 0) return;
  await db
    .insertInto('automation_event_depth')
    .values(rows.map((r) => ({ event_id: r.id, account_id: run.account_id, depth: run.depth })))
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/**
 * The newest event id of any account: ids are one sequence, so markDepth only needs a lower
 * bound, and max(id) over the whole table is one step down the primary key, whereas with
 * `account_id = ?` it walked every event of the account (millions on a large one).
 */
const maxEventId = async (db: Kysely<DB>) =>
  Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );

/**
 * The handler of one run's job. In one transaction: claim the pending run (a re-delivered job
 * finds it done and does nothing), check that the trigger is still on and the deal still in the
 * stage, check the conditions, and run a local action, committing its changes with the run row.
 * An external action (email, SMS, HTTP) runs after that commit; its success is recorded in a
 * second transaction. A failure is retried by the queue with backoff; a permanent one, or the
 * last attempt, marks the run failed with its error in the run log and the deal's feed.
 */
export async function executeRun(rt: AutomationRuntime, runId: number, attempt: number): Promise<void> {
  const actions = await loadActions();
  const isLast = attempt > rt.options.retryLimit;
  let prepared: Prepared | undefined;
  try {
    const pending = await rt.db.transaction().execute(async (trx): Promise<Prepared | undefined> => {
      const run = await lockPendingRun(trx, runId);
      if (!run) return undefined;
      const account = await findAccount(trx, run.account_id);
      if (!account) return undefined;
      const ctx: Ctx = { db: trx, account, accountId: account.id, userId: 0, user: null, queue: rt.queue };
      const row = await findTrigger(trx, run.account_id, run.trigger_id);
      const base = { run, ctx, label: row?.name || row?.action_type || 'Trigger' };
      if (!row || row.is_active !== 1) {
        await finish(trx, base, 'cancelled', { error: 'The trigger was deleted or turned off' });
        return undefined;
      }
      const deal = await findDeal(trx, run.account_id, run.deal_id);
      if (!deal) {
        await finish(trx, base, 'cancelled', { error: 'The deal was deleted' });
        return undefined;
      }
      if (row.run_if_left !== 1 && deal.stage_id !== run.stage_id) {
        await finish(trx, base, 'cancelled', { error: 'The deal left the stage' });
        return undefined;
      }
      const trigger = parseTrigger(row);
      const model = await buildPlaceholderModel(trx, account, deal);
      if (!(await conditionsMet(trx, deal, model, trigger.conditions))) {
        await finish(trx, base, 'skipped', { error: 'Conditions not met' });
        return undefined;
      }
      const action = actions.get(row.action_type);
      if (!action) throw new PermanentActionError(`Unknown action ${row.action_type}`);
      const input = action.input.parse(trigger.params);
      const settings = await readAutomationSettings(trx, account.id);
      const actx = {
        deal,
        trigger,
        run,
        model,
        settings,
        runtime: rt,
        render: (t: string, o?: { html?: boolean }) => renderTemplate(t, model, o),
      };
      const p: Prepared = { ...base, action, input, actx };
      prepared = p;
      if (action.external) return p;
      const before = await maxEventId(trx);
      const result = await action.execute(input, { ...actx, ctx });
      await markDepth(trx, run, before);
      await finish(trx, p, 'done', { result });
      return undefined;
    });
    if (!pending) return;
    const ctx = { ...pending.ctx, db: rt.db };
    const result = await pending.action.execute(pending.input, { ...pending.actx, ctx });
    await rt.db.transaction().execute((trx) => finish(trx, pending, 'done', { result }));
  } catch (err) {
    const error = describe(err);
    const permanent = isPermanent(err);
    await rt.db.transaction().execute(async (trx) => {
      const run = await pendingRun(trx, runId);
      if (!run) return;
      if (permanent || isLast) {
        const account = await findAccount(trx, run.account_id);
        if (!account) return;
        const ctx: Ctx = { db: trx, account, accountId: account.id, userId: 0, user: null, queue: rt.queue };
        await finish(trx, { run, ctx, label: prepared?.label ?? 'Trigger' }, 'failed', { error });
      } else {
        await updateRun(trx, run.id, { status: 'retrying', error });
      }
    });
    if (!permanent && !isLast) throw err;
    rt.log.warn({ runId, error }, 'automation run failed');
  }
}
