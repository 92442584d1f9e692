import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/types.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { findStatusInPipeline } from '../../pipelines/status-ids.ts';
import { claimCursor, holeMayFill, saveCursor } from '../../webhooks/dispatch.repo.ts';
import type { Stage } from '../../../db/types-crm.ts';
import { cancelRunsOnLeave, pendingStatuses } from '../runs.repo.ts';
import { createFireCache, fireSignal, type FireCache, type Signal } from './fire.ts';
import { stageCancelKey } from './run-job.ts';

const CURSOR = 'automation';
const stageValue = z.object({ status_id: z.number(), pipeline_id: z.number() });
const firstStage = (json: string) => {
  const parsed = z.array(z.unknown()).safeParse(JSON.parse(json));
  const first = parsed.success ? stageValue.safeParse(parsed.data[0]) : null;
  return first?.success ? first.data : null;
};

type EventRow = {
  id: number;
  account_id: number;
  type: string;
  entity_type: string;
  entity_id: number;
  created_at: number;
  value_before: string;
  value_after: string;
  subtype: string | null;
  automation_depth: number | null;
};

/**
 * What one dispatcher pass reads once for all its events: the stages an amoCRM status names,
 * the stages that have active triggers, and the deals that have pending runs to cancel on a
 * move. Most events (history written by an import, moves in pipelines without triggers) then
 * cost no query at all.
 */
type Pass = {
  trx: Kysely<DB>;
  queue: JobQueue;
  fire: FireCache;
  stages: Map<string, Promise<Stage | undefined>>;
  /** `account:pipeline:stage`, and `account:pipeline:*` for a pipeline's all-stages triggers. */
  triggerStages: Set<string>;
  triggerAccounts: Set<number>;
  /** `account:deal` of deals with scheduled or retrying runs (kept up to date during the pass). */
  pendingDeals: Set<string>;
};

async function startPass(trx: Kysely<DB>, queue: JobQueue, events: EventRow[]): Promise<Pass> {
  const pass: Pass = {
    trx,
    queue,
    fire: createFireCache(trx),
    stages: new Map(),
    triggerStages: new Set(),
    triggerAccounts: new Set(),
    pendingDeals: new Set(),
  };
  const byAccount = new Map<number, Set<number>>();
  for (const e of events) {
    if (e.entity_type !== 'leads') continue;
    const deals = byAccount.get(e.account_id) ?? new Set<number>();
    if (e.type === 'deal.stage_changed') deals.add(e.entity_id);
    byAccount.set(e.account_id, deals);
  }
  if (byAccount.size === 0) return pass;
  const triggers = await trx
    .selectFrom('automation_triggers')
    .select(['account_id', 'pipeline_id', 'stage_id'])
    .where('account_id', 'in', [...byAccount.keys()])
    .where('is_active', '=', 1)
    .where('deleted_at', 'is', null)
    .execute();
  for (const t of triggers) {
    pass.triggerStages.add(`${t.account_id}:${t.pipeline_id}:${t.stage_id ?? '*'}`);
    pass.triggerAccounts.add(t.account_id);
  }
  for (const [accountId, deals] of byAccount) {
    if (deals.size === 0) continue;
    const rows = await trx
      .selectFrom('automation_runs')
      .select('deal_id')
      .distinct()
      .where('account_id', '=', accountId)
      .where('deal_id', 'in', [...deals])
      .where('status', 'in', pendingStatuses)
      .execute();
    for (const r of rows) pass.pendingDeals.add(`${accountId}:${r.deal_id}`);
  }
  return pass;
}

const hasTriggers = (pass: Pass, accountId: number, pipelineId: number, stageId: number) =>
  pass.triggerStages.has(`${accountId}:${pipelineId}:${stageId}`) ||
  pass.triggerStages.has(`${accountId}:${pipelineId}:*`);

function stageOf(pass: Pass, accountId: number, json: string) {
  const v = firstStage(json);
  if (!v) return undefined;
  const key = `${accountId}:${v.pipeline_id}:${v.status_id}`;
  let stage = pass.stages.get(key);
  // 142 / 143 name the won / lost stage of the event's pipeline.
  if (!stage)
    pass.stages.set(key, (stage = findStatusInPipeline(pass.trx, accountId, v.pipeline_id, v.status_id)));
  return stage;
}

/** The deal's stage now (for events that do not move it). */
const currentStage = (trx: Kysely<DB>, accountId: number, dealId: number) =>
  trx
    .selectFrom('deals')
    .select(['pipeline_id', 'stage_id', 'stage_entered_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', dealId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** The signals one committed event raises (and, for a move, the runs it cancels). */
async function handleEvent(pass: Pass, e: EventRow, depth: number): Promise<void> {
  if (e.entity_type !== 'leads') return;
  const dealKey = `${e.account_id}:${e.entity_id}`;
  // No triggers in the account: nothing to fire. Runs pending from triggers since turned off
  // still need cancelling when their deal leaves the stage.
  const cancels = e.type === 'deal.stage_changed' && pass.pendingDeals.has(dealKey);
  if (!pass.triggerAccounts.has(e.account_id) && !cancels) return;
  const { trx, queue } = pass;
  const base = { accountId: e.account_id, dealId: e.entity_id, atMs: e.created_at * 1000, depth };
  const fire = async (s: Omit<Signal, keyof typeof base>) => {
    if (!hasTriggers(pass, e.account_id, s.pipelineId, s.stageId)) return;
    if ((await fireSignal(trx, queue, { ...base, ...s }, pass.fire)) > 0) pass.pendingDeals.add(dealKey);
  };
  switch (e.type) {
    case 'deal.created': {
      const stage = await stageOf(pass, e.account_id, e.value_after);
      if (!stage) return;
      await fire({
        pipelineId: stage.pipeline_id,
        stageId: stage.id,
        kinds: ['created', 'created_or_moved'],
        name: 'created',
      });
      return;
    }
    case 'deal.stage_changed': {
      if (cancels) {
        const before = await stageOf(pass, e.account_id, e.value_before);
        if (before) {
          await cancelRunsOnLeave(trx, e.account_id, e.entity_id, before.id);
          await queue.cancelByKey(trx, stageCancelKey(e.account_id, e.entity_id, before.id));
        }
      }
      const stage = await stageOf(pass, e.account_id, e.value_after);
      if (!stage) return;
      await fire({
        pipelineId: stage.pipeline_id,
        stageId: stage.id,
        kinds: ['moved_into', 'created_or_moved'],
        name: 'moved_into',
      });
      return;
    }
    case 'entity.responsible_changed':
    case 'entity.field_changed': {
      const deal = await currentStage(trx, e.account_id, e.entity_id);
      if (!deal) return;
      const field = e.type === 'entity.field_changed';
      await fire({
        pipelineId: deal.pipeline_id,
        stageId: deal.stage_id,
        kinds: [field ? 'field_changed' : 'responsible_changed'],
        fieldId: field && e.subtype ? Number(e.subtype) : undefined,
        name: field ? 'field_changed' : 'responsible_changed',
      });
      return;
    }
  }
}

/**
 * One pass of the automation dispatcher (the webhooks' outbox pattern): reads the events after
 * its cursor and, in the transaction that moves the cursor, schedules the runs they fire and
 * cancels the runs of the stages deals left. Each committed event is handled exactly once, by
 * one app node. Events are taken in id order without holes (see webhooks' dispatcher).
 */
export async function dispatchAutomation(
  db: Kysely<DB>,
  queue: JobQueue,
  options: { batchSize: number; gapGraceMs: number },
  nowMs = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cursor = await claimCursor(trx, Math.floor(nowMs / 1000), CURSOR);
    const events = await trx
      .selectFrom('events')
      .select([
        'id',
        'account_id',
        'type',
        'entity_type',
        'entity_id',
        'created_at',
        'value_before',
        'value_after',
        'subtype',
        'automation_depth',
      ])
      .where('id', '>', cursor.last_event_id)
      .orderBy('id')
      .limit(options.batchSize)
      .execute();
    let { last_event_id: last, gap_id: gapId, gap_seen_at: gapSeenAt } = cursor;
    const ready: EventRow[] = [];
    for (const event of events) {
      if (event.id !== last + 1) {
        const hole = last + 1;
        if (gapId !== hole || gapSeenAt === null) [gapId, gapSeenAt] = [hole, nowMs];
        const waited = nowMs - gapSeenAt;
        if (waited < options.gapGraceMs && (await holeMayFill(trx, waited))) break;
      }
      ready.push(event);
      [last, gapId, gapSeenAt] = [event.id, null, null];
    }
    const pass = await startPass(trx, queue, ready);
    for (const event of ready) await handleEvent(pass, event, event.automation_depth ?? 0);
    await saveCursor(trx, { last_event_id: last, gap_id: gapId, gap_seen_at: gapSeenAt }, CURSOR);
    return ready.length;
  });
}
