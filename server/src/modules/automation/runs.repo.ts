import os from 'node:os';
import type { Kysely, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { AutomationRun, AutomationRunsTable } from '../../db/types-automation.ts';

/** This app node, as recorded on the runs it claims. */
export const nodeId = `${os.hostname()}:${process.pid}`;

export const pendingStatuses = ['scheduled', 'retrying'] as const;

/** What firing a trigger records: a run and its signal, scheduled or stopped by the depth limit. */
export type NewRun = Pick<
  AutomationRun,
  | 'account_id'
  | 'trigger_id'
  | 'deal_id'
  | 'stage_id'
  | 'signal'
  | 'status'
  | 'depth'
  | 'scheduled_at'
  | 'error'
  | 'created_at'
>;

const insertRunQuery = prepared((db, p: NewRun) =>
  db
    .insertInto('automation_runs')
    .values({
      account_id: p.account_id,
      trigger_id: p.trigger_id,
      deal_id: p.deal_id,
      stage_id: p.stage_id,
      signal: p.signal,
      status: p.status,
      depth: p.depth,
      scheduled_at: p.scheduled_at,
      error: p.error,
      created_at: p.created_at,
    })
    .returningAll(),
);

export async function insertRun(db: Kysely<DB>, row: NewRun): Promise<AutomationRun> {
  const run = await insertRunQuery.first(db, row);
  if (!run) throw new Error('The run was not inserted');
  return run;
}

export const findRun = (db: Kysely<DB>, id: number): Promise<AutomationRun | undefined> =>
  db.selectFrom('automation_runs').selectAll().where('id', '=', id).executeTakeFirst();

export const updateRun = (db: Kysely<DB>, id: number, patch: Updateable<AutomationRunsTable>) =>
  db.updateTable('automation_runs').set(patch).where('id', '=', id).execute();

/** How a run ended, as `finish` records it (every run that ends writes this). */
export type RunEnd = Pick<AutomationRun, 'status' | 'ran_at' | 'error' | 'result_json' | 'feed_label'>;

const endRunQuery = prepared((db, p: RunEnd & { id: number }) =>
  db
    .updateTable('automation_runs')
    .set({
      status: p.status,
      ran_at: p.ran_at,
      error: p.error,
      result_json: p.result_json,
      feed_label: p.feed_label,
    })
    .where('id', '=', p.id),
);

export const endRun = (db: Kysely<DB>, id: number, end: RunEnd): Promise<number> =>
  endRunQuery.affected(db, { ...end, id });

/**
 * Claims a pending run for this attempt: only one worker gets it (the status changes under a row
 * lock on PostgreSQL, the write lock on SQLite). Returns undefined when it already ran or was
 * cancelled, which makes a re-delivered job a no-op.
 */
const lockPendingRunQuery = prepared((db, p: { id: number }) =>
  db
    .updateTable('automation_runs')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), ran_by: nodeId }))
    .where('id', '=', p.id)
    .where('status', 'in', pendingStatuses)
    .returningAll(),
);

export const lockPendingRun = (db: Kysely<DB>, id: number): Promise<AutomationRun | undefined> =>
  lockPendingRunQuery.first(db, { id });

export const pendingRun = (db: Kysely<DB>, id: number): Promise<AutomationRun | undefined> =>
  db
    .selectFrom('automation_runs')
    .selectAll()
    .where('id', '=', id)
    .where('status', 'in', pendingStatuses)
    .executeTakeFirst();

/** Cancels the deal's pending runs fired in `stageId` whose triggers do not survive leaving it. */
export async function cancelRunsOnLeave(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  stageId: number,
): Promise<number> {
  const result = await db
    .updateTable('automation_runs')
    .set({ status: 'cancelled', error: 'The deal left the stage' })
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .where('stage_id', '=', stageId)
    .where('status', 'in', pendingStatuses)
    .where('trigger_id', 'in', (eb) =>
      eb
        .selectFrom('automation_triggers')
        .select('id')
        .where('account_id', '=', accountId)
        .where('run_if_left', '=', 0),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Cancels pending runs of one trigger for one deal (a date field changed: the time moves). */
export async function cancelTriggerRuns(db: Kysely<DB>, triggerId: number, dealId: number, why: string) {
  await db
    .updateTable('automation_runs')
    .set({ status: 'cancelled', error: why })
    .where('trigger_id', '=', triggerId)
    .where('deal_id', '=', dealId)
    .where('status', 'in', pendingStatuses)
    .execute();
}

export function listRuns(
  db: Kysely<DB>,
  accountId: number,
  filter: { triggerIds: number[]; dealId?: number | undefined; before?: number | undefined; limit: number },
) {
  let q = db
    .selectFrom('automation_runs as r')
    .leftJoin('deals as d', (j) => j.onRef('d.id', '=', 'r.deal_id').on('d.account_id', '=', accountId))
    .selectAll('r')
    .select('d.name as deal_name')
    .where('r.account_id', '=', accountId);
  if (filter.triggerIds.length > 0) q = q.where('r.trigger_id', 'in', filter.triggerIds);
  if (filter.dealId !== undefined) q = q.where('r.deal_id', '=', filter.dealId);
  if (filter.before !== undefined) q = q.where('r.id', '<', filter.before);
  return q.orderBy('r.id', 'desc').limit(filter.limit).execute();
}

/** Counts by status per trigger, and each trigger's latest error. */
export async function runStats(db: Kysely<DB>, accountId: number, triggerIds: number[]) {
  const out = new Map<
    number,
    { scheduled: number; done: number; failed: number; last_error: string | null }
  >();
  if (triggerIds.length === 0) return out;
  const rows = await db
    .selectFrom('automation_runs')
    .select([
      'trigger_id',
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max('id').as('last'),
    ])
    .where('account_id', '=', accountId)
    .where('trigger_id', 'in', triggerIds)
    .groupBy(['trigger_id', 'status'])
    .execute();
  const lastFailed = new Map<number, number>();
  for (const r of rows) {
    const s = out.get(r.trigger_id) ?? { scheduled: 0, done: 0, failed: 0, last_error: null };
    const n = Number(r.n);
    if (r.status === 'scheduled' || r.status === 'retrying') s.scheduled += n;
    if (r.status === 'done') s.done += n;
    if (r.status === 'failed') {
      s.failed += n;
      lastFailed.set(r.trigger_id, Number(r.last));
    }
    out.set(r.trigger_id, s);
  }
  if (lastFailed.size > 0) {
    const errors = await db
      .selectFrom('automation_runs')
      .select(['trigger_id', 'error'])
      .where('id', 'in', [...lastFailed.values()])
      .execute();
    for (const e of errors) {
      const s = out.get(e.trigger_id);
      if (s) s.last_error = e.error;
    }
  }
  return out;
}
