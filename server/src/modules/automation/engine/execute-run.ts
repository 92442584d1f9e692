import { CompiledQuery, type Kysely } from 'kysely';
import { ZodError } from 'zod';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import type { DB } from '../../../db/types.ts';
import type { AutomationRun, AutomationRunStatus } from '../../../db/types-automation.ts';
import { ProblemError } from '../../../http/problem.ts';
import { findAccount } from '../../accounts/accounts.repo.ts';
import type { Ctx } from '../../context.ts';
import { findDeal } from '../../deals/deals.repo.ts';
import { recordEvents, type EventInput } from '../../events/record-event.ts';
import { withRobotDepth } from '../../events/robot-depth.ts';
import { endRun, lockPendingRun, pendingRun, updateRun } from '../runs.repo.ts';
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
import { parseTrigger, type ParsedTrigger } from './parse-trigger.ts';
import {
  ALL_PARTS,
  buildPlaceholderModel,
  partsNamedIn,
  renderTemplate,
  type ModelParts,
  type PlaceholderModel,
} from './placeholders.ts';
import { loadActions } from './registry.ts';
import { robotSay } from './robot-texts.ts';

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

/** Stands in for the model an action said it does not read: reading it is a bug, not a blank. */
const unloadedModel = (actionType: string): PlaceholderModel =>
  new Proxy({} as PlaceholderModel, {
    get(_target, key) {
      throw new Error(`Action ${actionType} read the placeholder model (${String(key)}) without usesModel`);
    },
  });

/** The model parts that conditions read: deal fields for field rules, the contact for contact rules. */
function conditionParts(conditions: ParsedTrigger['conditions']): Partial<ModelParts> {
  const rules = conditions.groups.flatMap((g) => g.rules);
  return {
    ...(rules.some((r) => r.type === 'field') ? { dealFields: true } : {}),
    ...(rules.some((r) => r.type === 'contact') ? { contact: true } : {}),
  };
}

/** A trigger as its runs use it: parsed, its parameters as JSON, the model parts it reads. */
function parsed(row: NonNullable<CachedTrigger['row']>, action: ActionDefinition | undefined) {
  const trigger = parseTrigger(row);
  const params = JSON.stringify(trigger.params);
  const parts = action?.usesModel
    ? ALL_PARTS
    : { ...partsNamedIn(params), ...conditionParts(trigger.conditions) };
  return { trigger, params, parts };
}

type Prepared = {
  run: AutomationRun;
  action: ActionDefinition;
  input: unknown;
  actx: Omit<ActionContext, 'ctx'>;
  ctx: Ctx;
  label: string;
};

/**
 * The deals whose feed got a robot line in one transaction, by deal and outcome: each is one
 * `deal.robot_ran` event, written by `withNotices` before the commit. A batch of runs often
 * holds a deal's several runs (its triggers fired by one move), and they share the event.
 */
type Notices = Map<string, EventInput>;

function notice(notices: Notices, run: AutomationRun, status: AutomationRunStatus): void {
  notices.set(`${run.account_id}:${run.deal_id}:${status}`, {
    accountId: run.account_id,
    type: 'deal.robot_ran',
    entityType: 'leads',
    entityId: run.deal_id,
    createdBy: 0,
    subtype: status,
  });
}

/** `work` in a transaction of its own, with the `deal.robot_ran` events of the runs it ends. */
function withNotices<T>(db: Kysely<DB>, work: (trx: Kysely<DB>, notices: Notices) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const notices: Notices = new Map();
    const result = await work(trx, notices);
    await recordEvents(trx, [...notices.values()]);
    return result;
  });
}

/**
 * Records how the run ended. A run that did something, failed or was skipped is a line in the
 * deal's feed (listTimeline reads it from here), labelled with the trigger's name as it is now.
 * It commits with the run's row: with the action's own changes for a local action. Its event
 * (through `notices`) tells open cards (live updates) that the deal's feed has a new line.
 */
async function finish(
  db: Kysely<DB>,
  prepared: Pick<Prepared, 'run' | 'label'>,
  status: AutomationRunStatus,
  details: { error?: string; result?: ActionResult },
  notices: Notices,
) {
  const { run, label } = prepared;
  await endRun(db, run.id, {
    status,
    ran_at: nowSeconds(),
    error: details.error ?? null,
    result_json: details.result
      ? JSON.stringify({ summary: details.result.summary, ...details.result.data })
      : null,
    feed_label: status === 'cancelled' ? null : clip(label, 255),
  });
  if (status !== 'cancelled') notice(notices, run, status);
}

type Actions = Awaited<ReturnType<typeof loadActions>>;

/**
 * What the runs of one transaction share: the account, the trigger (as stored and parsed) and
 * the automation settings, read once per batch instead of once per run. Only within one
 * transaction, so a trigger turned off is seen by the next batch.
 */
type BatchCache = {
  accounts: Map<number, Promise<Awaited<ReturnType<typeof findAccount>>>>;
  triggers: Map<number, Promise<CachedTrigger>>;
  settings: Map<number, Promise<Awaited<ReturnType<typeof readAutomationSettings>>>>;
  notices: Notices;
};
type CachedTrigger = {
  row: Awaited<ReturnType<typeof findTrigger>>;
  parsed?: { trigger: ParsedTrigger; params: string; parts: ModelParts };
};
const newCache = (notices: Notices): BatchCache => ({
  accounts: new Map(),
  triggers: new Map(),
  settings: new Map(),
  notices,
});
function cached<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let found = map.get(key);
  if (!found) {
    found = load();
    map.set(key, found);
  }
  return found;
}

/**
 * In the caller's transaction: claims the pending run (a re-delivered job finds it done and does
 * nothing), checks that the trigger is still on and the deal still in the stage, checks the
 * conditions, and runs a local action, recording it with the run row. Returns an external action
 * prepared to run after the commit. `onPrepared` learns the run's label for a failure report.
 */
async function runInTransaction(
  rt: AutomationRuntime,
  trx: Kysely<DB>,
  runId: number,
  actions: Actions,
  cache: BatchCache,
  onPrepared: (p: Prepared) => void,
): Promise<Prepared | undefined> {
  const run = await lockPendingRun(trx, runId);
  if (!run) return undefined;
  const account = await cached(cache.accounts, run.account_id, () => findAccount(trx, run.account_id));
  if (!account) return undefined;
  const ctx: Ctx = { db: trx, account, accountId: account.id, userId: 0, user: null, queue: rt.queue };
  const stored = await cached(cache.triggers, run.trigger_id, async () => {
    const found: CachedTrigger = {
      row: await findTrigger(trx, run.account_id, run.trigger_id),
    };
    return found;
  });
  const row = stored.row?.account_id === run.account_id ? stored.row : undefined;
  const base = { run, ctx, label: row?.name || row?.action_type || 'Trigger' };
  if (!row || row.is_active !== 1) {
    await finish(trx, base, 'cancelled', { error: 'The trigger was deleted or turned off' }, cache.notices);
    return undefined;
  }
  const deal = await findDeal(trx, run.account_id, run.deal_id);
  if (!deal) {
    await finish(trx, base, 'cancelled', { error: 'The deal was deleted' }, cache.notices);
    return undefined;
  }
  if (row.run_if_left !== 1 && deal.stage_id !== run.stage_id) {
    await finish(trx, base, 'cancelled', { error: 'The deal left the stage' }, cache.notices);
    return undefined;
  }
  const action = actions.get(row.action_type);
  const { trigger, params, parts } = (stored.parsed ??= parsed(row, action));
  // The placeholder model costs a query or more a part: only the parts that the conditions, the
  // action or the templates in the parameters read are built, and only when one reads them.
  let model: PlaceholderModel | undefined;
  const loadModel = async () => (model ??= await buildPlaceholderModel(trx, account, deal, parts));
  if (!(await conditionsMet(trx, deal, loadModel, trigger.conditions))) {
    await finish(trx, base, 'skipped', { error: 'Conditions not met' }, cache.notices);
    return undefined;
  }
  if (!action) throw new PermanentActionError(`Unknown action ${row.action_type}`);
  const input = action.input.parse(trigger.params);
  if (action.usesModel || params.includes('{{')) await loadModel();
  const loaded = model ?? unloadedModel(row.action_type);
  const settings = await cached(cache.settings, account.id, () => readAutomationSettings(trx, account.id));
  const actx = {
    deal,
    trigger,
    run,
    model: loaded,
    settings,
    say: robotSay(account.locale),
    runtime: rt,
    render: (t: string, o?: { html?: boolean }) => (t.includes('{{') ? renderTemplate(t, loaded, o) : t),
  };
  const p: Prepared = { ...base, action, input, actx };
  onPrepared(p);
  if (action.external) return p;
  const result = await action.execute(input, {
    ...actx,
    ctx: { ...ctx, db: withRobotDepth(trx, run.depth) },
  });
  await finish(trx, p, 'done', { result }, cache.notices);
  return undefined;
}

/** An external action (email, SMS, HTTP), after its run's transaction committed. */
async function runExternal(rt: AutomationRuntime, pending: Prepared): Promise<void> {
  const ctx = { ...pending.ctx, db: withRobotDepth(rt.db, pending.run.depth) };
  const result = await pending.action.execute(pending.input, { ...pending.actx, ctx });
  await withNotices(rt.db, (trx, notices) => finish(trx, pending, 'done', { result }, notices));
}

/**
 * Records a failed attempt in `trx`: the run fails (in its log and the deal's feed) when the
 * error is permanent or this was the last attempt, else waits for the retry. Returns whether
 * the queue should retry the job.
 */
async function recordFailure(
  rt: AutomationRuntime,
  trx: Kysely<DB>,
  runId: number,
  attempt: number,
  err: unknown,
  label: string | undefined,
  notices: Notices,
): Promise<boolean> {
  const error = describe(err);
  const retry = !isPermanent(err) && attempt <= rt.options.retryLimit;
  const run = await pendingRun(trx, runId);
  if (run) {
    if (retry) await updateRun(trx, run.id, { status: 'retrying', error });
    else await finish(trx, { run, label: label ?? 'Trigger' }, 'failed', { error }, notices);
  }
  if (!retry) rt.log.warn({ runId, error }, 'automation run failed');
  return retry;
}

/**
 * The handler of one run's job: its local work in one transaction, an external action after
 * that commit with its success recorded in a second one. A failure is retried by the queue with
 * backoff; a permanent one, or the last attempt, marks the run failed with its error in the run
 * log and the deal's feed.
 */
export async function executeRun(rt: AutomationRuntime, runId: number, attempt: number): Promise<void> {
  const actions = await loadActions();
  let label: string | undefined;
  try {
    const pending = await withNotices(rt.db, (trx, notices) =>
      runInTransaction(rt, trx, runId, actions, newCache(notices), (p) => (label = p.label)),
    );
    if (pending) await runExternal(rt, pending);
  } catch (err) {
    const retry = await withNotices(rt.db, (trx, notices) =>
      recordFailure(rt, trx, runId, attempt, err, label, notices),
    );
    if (retry) throw err;
  }
}

export type RunJob = { id: string; runId: number; attempt: number };

/** Each run's savepoint in a batch (the same on both databases, compiled once). */
const savepoint = {
  begin: CompiledQuery.raw('savepoint automation_run'),
  release: CompiledQuery.raw('release savepoint automation_run'),
  rollback: CompiledQuery.raw('rollback to savepoint automation_run'),
};

/**
 * A batch of runs' jobs (SQLite: one writer, so one transaction for many runs saves a commit
 * and the queue's bookkeeping per run). Each run's local work is in a savepoint of its own: a
 * run that throws is rolled back alone and recorded as executeRun would record it. External
 * actions run after the commit, side by side. Returns the jobs to retry, with their errors.
 */
export async function executeRuns(rt: AutomationRuntime, jobs: RunJob[]): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  if (jobs.length === 1) {
    const [job] = jobs;
    if (job) await executeRun(rt, job.runId, job.attempt).catch((err: unknown) => failures.set(job.id, err));
    return failures;
  }
  const actions = await loadActions();
  const labels = new Map<string, string>();
  const externals: Array<{ job: RunJob; pending: Prepared }> = [];
  await withNotices(rt.db, async (trx, notices) => {
    const cache = newCache(notices);
    for (const job of jobs) {
      await trx.executeQuery(savepoint.begin);
      try {
        const pending = await runInTransaction(rt, trx, job.runId, actions, cache, (p) =>
          labels.set(job.id, p.label),
        );
        await trx.executeQuery(savepoint.release);
        if (pending) externals.push({ job, pending });
      } catch (err) {
        await trx.executeQuery(savepoint.rollback);
        await trx.executeQuery(savepoint.release);
        if (await recordFailure(rt, trx, job.runId, job.attempt, err, labels.get(job.id), notices))
          failures.set(job.id, err);
      }
    }
  });
  await Promise.all(
    externals.map(async ({ job, pending }) => {
      try {
        await runExternal(rt, pending);
      } catch (err) {
        const retry = await withNotices(rt.db, (trx, notices) =>
          recordFailure(rt, trx, job.runId, job.attempt, err, pending.label, notices),
        );
        if (retry) failures.set(job.id, err);
      }
    }),
  );
  return failures;
}
