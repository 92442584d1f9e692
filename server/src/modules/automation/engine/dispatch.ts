import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/types.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { findStatusInPipeline } from '../../pipelines/status-ids.ts';
import { holeMayFill } from '../../webhooks/dispatch.repo.ts';
import { cancelRunsOnLeave } from '../runs.repo.ts';
import { fireSignal, type Signal } from './fire.ts';
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
};

async function claim(trx: Kysely<DB>, now: number) {
  const row = await trx
    .updateTable('webhook_cursors')
    .set({ updated_at: now })
    .where('name', '=', CURSOR)
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  await trx
    .insertInto('webhook_cursors')
    .values({ name: CURSOR, last_event_id: 0, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return claim(trx, now);
}

async function stageOf(trx: Kysely<DB>, accountId: number, json: string) {
  const v = firstStage(json);
  // 142 / 143 name the won / lost stage of the event's pipeline.
  return v ? findStatusInPipeline(trx, accountId, v.pipeline_id, v.status_id) : undefined;
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
async function handleEvent(trx: Kysely<DB>, queue: JobQueue, e: EventRow, depth: number): Promise<void> {
  if (e.entity_type !== 'leads') return;
  const base = { accountId: e.account_id, dealId: e.entity_id, atMs: e.created_at * 1000, depth };
  const fire = (s: Omit<Signal, keyof typeof base>) => fireSignal(trx, queue, { ...base, ...s });
  switch (e.type) {
    case 'deal.created': {
      const stage = await stageOf(trx, e.account_id, e.value_after);
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
      const before = await stageOf(trx, e.account_id, e.value_before);
      if (before) {
        await cancelRunsOnLeave(trx, e.account_id, e.entity_id, before.id);
        await queue.cancelByKey(trx, stageCancelKey(e.account_id, e.entity_id, before.id));
      }
      const stage = await stageOf(trx, e.account_id, e.value_after);
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
    const cursor = await claim(trx, Math.floor(nowMs / 1000));
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
    const depths = new Map<number, number>();
    if (ready.length > 0) {
      const rows = await trx
        .selectFrom('automation_event_depth')
        .select(['event_id', 'depth'])
        .where(
          'event_id',
          'in',
          ready.map((e) => e.id),
        )
        .execute();
      for (const r of rows) depths.set(r.event_id, r.depth);
    }
    for (const event of ready) await handleEvent(trx, queue, event, depths.get(event.id) ?? 0);
    await trx
      .updateTable('webhook_cursors')
      .set({ last_event_id: last, gap_id: gapId, gap_seen_at: gapSeenAt })
      .where('name', '=', CURSOR)
      .execute();
    return ready.length;
  });
}
