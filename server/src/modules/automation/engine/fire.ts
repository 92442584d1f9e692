import type { TriggerWhenKind } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../../db/schema-helpers.ts';
import type { DB } from '../../../db/types.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { findAccount } from '../../accounts/accounts.repo.ts';
import { insertRun, cancelTriggerRuns } from '../runs.repo.ts';
import { readAutomationSettings } from '../settings.repo.ts';
import { activeStageTriggers } from '../triggers.repo.ts';
import { automationOptions } from './options.ts';
import { parseTrigger, type ParsedTrigger } from './parse-trigger.ts';
import { automationRunJob, stageCancelKey } from './run-job.ts';
import { delayedUntil } from './schedule.ts';

/** Something that happened to a deal in a stage, which may fire that stage's triggers. */
export type Signal = {
  accountId: number;
  dealId: number;
  pipelineId: number;
  stageId: number;
  /** The trigger kinds this signal matches, e.g. ['moved_into', 'created_or_moved']. */
  kinds: TriggerWhenKind[];
  /** For field_changed / date_field: the field that changed. */
  fieldId?: number | undefined;
  /** When it happened (ms); delays count from here. */
  atMs: number;
  /** Depth of the change in a chain of automatic changes (0: made by a person or the outside). */
  depth: number;
  /** Recorded on the run: what fired it. */
  name: string;
  /** When the deal entered the stage (ms), for "stayed N days" on deals already there. */
  enteredAtMs?: number | undefined;
  /** Only these triggers (apply-to-existing of one trigger). */
  onlyTriggerId?: number | undefined;
};

const ENTERING: TriggerWhenKind[] = ['created', 'moved_into', 'created_or_moved'];

type Schedule = { settings: Awaited<ReturnType<typeof readAutomationSettings>>; tz: string };

/**
 * What firing reads that does not change while a batch of signals is handled in one
 * transaction (a dispatcher pass, a trigger applied to the deals already in its stage): the
 * active triggers of a stage and the account's working schedule, each read once.
 */
export type FireCache = {
  triggers: (accountId: number, pipelineId: number, stageId: number) => Promise<ParsedTrigger[]>;
  schedule: (accountId: number) => Promise<Schedule>;
};

function memo<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let value = map.get(key);
  if (!value) map.set(key, (value = load()));
  return value;
}

/** A cache for one transaction's batch of signals; do not keep it across transactions. */
export function createFireCache(db: Kysely<DB>): FireCache {
  const triggers = new Map<string, Promise<ParsedTrigger[]>>();
  const schedules = new Map<number, Promise<Schedule>>();
  return {
    triggers: (accountId, pipelineId, stageId) =>
      memo(triggers, `${accountId}:${pipelineId}:${stageId}`, async () =>
        (await activeStageTriggers(db, accountId, pipelineId, stageId)).map(parseTrigger),
      ),
    schedule: (accountId) =>
      memo(schedules, accountId, async () => ({
        settings: await readAutomationSettings(db, accountId),
        tz: (await findAccount(db, accountId))?.timezone ?? 'UTC',
      })),
  };
}

/** When the trigger should run for this signal, or null when it does not match. */
async function dueAt(
  db: Kysely<DB>,
  t: ParsedTrigger,
  s: Signal,
  schedule: () => Promise<Schedule>,
): Promise<number | null> {
  const { when } = t;
  const entering = s.kinds.some((k) => ENTERING.includes(k)) || s.kinds.includes('stayed_in_stage');
  let base: number;
  if (when.kind === 'stayed_in_stage') {
    if (!entering) return null;
    base = (s.enteredAtMs ?? s.atMs) + (when.days ?? 1) * 86_400_000;
  } else if (when.kind === 'date_field') {
    const fieldMatches = s.kinds.includes('field_changed') && s.fieldId === when.field_id;
    if (!entering && !fieldMatches) return null;
    if (fieldMatches) await cancelTriggerRuns(db, t.row.id, s.dealId, 'The date field changed');
    const value = await db
      .selectFrom('field_values')
      .select('value_num')
      .where('account_id', '=', s.accountId)
      .where('entity_type', '=', 'leads')
      .where('entity_id', '=', s.dealId)
      .where('field_id', '=', when.field_id ?? 0)
      .executeTakeFirst();
    if (value?.value_num === null || value?.value_num === undefined) return null;
    const at = (value.value_num + (when.offset_minutes ?? 0) * 60) * 1000;
    // A moment already past is not fired late (amoCRM skips it too).
    return at < s.atMs - 60_000 ? null : at;
  } else {
    if (!s.kinds.includes(when.kind)) return null;
    if (when.kind === 'field_changed' && when.field_id !== undefined && when.field_id !== s.fieldId)
      return null;
    base = s.atMs;
  }
  const { settings, tz } = await schedule();
  return delayedUntil(t.delay, base, settings, tz);
}

/**
 * Fires the matching triggers of the signal's stage: one run row per trigger, and its job in the
 * queue at the due time, both in `db` (the caller's transaction). A run deeper than the chain
 * limit is recorded as failed instead of scheduled, which stops loops between triggers.
 * Returns the runs scheduled.
 */
export async function fireSignal(
  db: Kysely<DB>,
  queue: JobQueue,
  s: Signal,
  cache: FireCache = createFireCache(db),
): Promise<number> {
  let triggers = await cache.triggers(s.accountId, s.pipelineId, s.stageId);
  if (s.onlyTriggerId !== undefined) triggers = triggers.filter((t) => t.row.id === s.onlyTriggerId);
  if (triggers.length === 0) return 0;
  const schedule = () => cache.schedule(s.accountId);
  const options = automationOptions();
  const now = nowSeconds();
  let scheduled = 0;
  for (const t of triggers) {
    const at = await dueAt(db, t, s, schedule);
    if (at === null) continue;
    const depth = s.depth + 1;
    const tooDeep = depth > options.maxDepth;
    const run = await insertRun(db, {
      account_id: s.accountId,
      trigger_id: t.row.id,
      deal_id: s.dealId,
      stage_id: s.stageId,
      signal: s.name,
      status: tooDeep ? 'failed' : 'scheduled',
      depth,
      scheduled_at: Math.floor(at / 1000),
      error: tooDeep
        ? `Stopped: a chain of ${depth} automatic changes in a row (limit ${options.maxDepth}); triggers may be looping`
        : null,
      created_at: now,
    });
    if (tooDeep) continue;
    await queue.enqueue(
      db,
      automationRunJob,
      { runId: run.id },
      {
        runAt: new Date(Math.max(at, 0)),
        singletonKey: `run:${run.id}`,
        ...(t.row.run_if_left ? {} : { cancelKey: stageCancelKey(s.accountId, s.dealId, s.stageId) }),
        retryLimit: options.retryLimit,
        retryDelayMs: options.retryDelayMs,
        retryBackoff: true,
        leaseMs: 5 * 60_000,
      },
    );
    scheduled++;
  }
  return scheduled;
}
