// Digital pipeline figures (issue 5), through the real server: its API, dispatcher, job queue and
// action runner. (1) N deals moved into a stage with three triggers (create task, add tag, set
// field): time until every action ran. (2) M pending delayed actions: memory, and whether each
// one fires on time when due.
import os from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import { cpuSeconds, memoryOf } from './load.ts';
import {
  call,
  createPipeline,
  generateInto,
  percentiles,
  sleep,
  waitForDispatcher,
  type BenchContext,
} from './scenario.ts';

const triggerAnswer = z.object({ id: z.number(), applied: z.number() });

async function runCounts(ctx: BenchContext, triggerIds: number[]) {
  const rows = await ctx.database.db
    .selectFrom('automation_runs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', ctx.accountId)
    .where('trigger_id', 'in', triggerIds)
    .groupBy('status')
    .execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const total = rows.reduce((a, r) => a + Number(r.n), 0);
  return { by, total, pending: (by.scheduled ?? 0) + (by.retrying ?? 0) };
}

/** Polls until `expected` runs of the triggers have finished (ran, failed, ...); samples the server's RSS. */
async function waitForRuns(ctx: BenchContext, triggerIds: number[], expected: number, timeoutMs: number) {
  const started = performance.now();
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, memoryOf(ctx.pid).rss);
    const counts = await runCounts(ctx, triggerIds);
    if (counts.total - counts.pending >= expected) return { ...counts, peakRss, timedOut: false };
    if (performance.now() - started > timeoutMs) return { ...counts, peakRss, timedOut: true };
    await sleep(250);
  }
}

const stageDealIds = async (ctx: BenchContext, stageId: number) =>
  (
    await ctx.database.db
      .selectFrom('deals')
      .select('id')
      .where('account_id', '=', ctx.accountId)
      .where('stage_id', '=', stageId)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);

export type BurstFigures = {
  deals: number;
  actions: number;
  generateSeconds: number;
  moveSeconds: number;
  allDoneSeconds: number;
  outcomes: Record<string, number>;
  timedOut: boolean;
  serverCpuSeconds: number;
  peakRss: number;
  load: number[];
};

/**
 * N deals in stage "Вход" moved (PATCH /api/v4/leads, 250 a request, two requests at a time)
 * into "Триггеры", which has three immediate triggers: 3N actions in all.
 */
export async function automationBurst(ctx: BenchContext, deals: number): Promise<BurstFigures> {
  const pipeline = await createPipeline(ctx.client, `Bench automation ${Date.now()}`, ['Вход', 'Триггеры']);
  const from = pipeline.stage('Вход');
  const into = pipeline.stage('Триггеры');
  const generateSeconds = await generateInto(ctx, deals, { pipelineId: pipeline.id, stageId: from });
  await waitForDispatcher(ctx.database);

  const seats = await ctx.database.db
    .selectFrom('custom_fields')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('entity_type', '=', 'leads')
    .where('code', '=', 'SEATS')
    .executeTakeFirstOrThrow();
  const trigger = (name: string, action: { type: string; params: Record<string, unknown> }) =>
    call(
      ctx.client,
      'POST',
      `/api/app/pipelines/${pipeline.id}/triggers`,
      { name, stage_id: into, when: { kind: 'moved_into' }, action },
      triggerAnswer,
    );
  const triggerIds = [
    (
      await trigger('Задача', {
        type: 'create_task',
        params: { text: 'Позвонить: {{deal.name}}', due_in: { amount: 1, unit: 'days' } },
      })
    ).id,
    (await trigger('Тег', { type: 'edit_tags', params: { add: ['Робот'], remove: [] } })).id,
    (await trigger('Поле', { type: 'set_field', params: { field_id: seats.id, value: '7' } })).id,
  ];

  const ids = await stageDealIds(ctx, from);
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += 250) batches.push(ids.slice(i, i + 250));
  const cpu0 = cpuSeconds(ctx.pid);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        const res = await ctx.client.request(
          'PATCH',
          '/api/v4/leads',
          batch.map((id) => ({ id, status_id: into, pipeline_id: pipeline.id })),
        );
        if (res.status !== 200) throw new Error(`moving deals: ${res.status} ${res.body.slice(0, 300)}`);
      }
    }),
  );
  const moveSeconds = (performance.now() - t0) / 1000;
  const done = await waitForRuns(ctx, triggerIds, ids.length * 3, 30 * 60_000);
  return {
    deals: ids.length,
    actions: done.total,
    generateSeconds,
    moveSeconds,
    allDoneSeconds: (performance.now() - t0) / 1000,
    outcomes: done.by,
    timedOut: done.timedOut,
    serverCpuSeconds: cpuSeconds(ctx.pid) - cpu0,
    peakRss: done.peakRss,
    load: os.loadavg(),
  };
}

export type DelayedFigures = {
  pending: number;
  /** How many of them came due during the bench (the rest stay pending for a day). */
  fired: number;
  ratePerSecond: number;
  scheduleSeconds: number;
  rssBefore: number;
  rssPending: number;
  peakRss: number;
  firstDueToLastDoneSeconds: number;
  lateness: { p50: number; p95: number; max: number; count: number; over2s: number };
  startLateness: { p50: number; p95: number; max: number };
  outcomes: Record<string, number>;
  timedOut: boolean;
  serverCpuSeconds: number;
  load: number[];
};

/** When each run's job started and completed (ms), from the queue's own table. */
async function jobTimes(ctx: BenchContext): Promise<Map<string, { started: number; completed: number }>> {
  const out = new Map<string, { started: number; completed: number }>();
  if (ctx.database.dialect === 'sqlite') {
    const rows = await ctx.database.db
      .selectFrom('jobs')
      .select(['singleton_key', 'started_at', 'completed_at'])
      .where('name', '=', 'automation.run')
      .where('state', '=', 'completed')
      .execute();
    for (const r of rows)
      if (r.singleton_key)
        out.set(r.singleton_key, { started: Number(r.started_at), completed: Number(r.completed_at) });
    return out;
  }
  // pg-boss keeps finished jobs in job, then archive.
  const { rows } = await sql<{ singleton_key: string; started: number; completed: number }>`
    SELECT singleton_key, extract(epoch FROM started_on) * 1000 AS started,
           extract(epoch FROM completed_on) * 1000 AS completed
    FROM pgboss.job WHERE name = 'automation.run' AND state = 'completed'
    UNION ALL
    SELECT singleton_key, extract(epoch FROM started_on) * 1000, extract(epoch FROM completed_on) * 1000
    FROM pgboss.archive WHERE name = 'automation.run' AND state = 'completed'`.execute(ctx.database.db);
  for (const r of rows)
    out.set(r.singleton_key, { started: Number(r.started), completed: Number(r.completed) });
  return out;
}

/**
 * M deals in one stage whose "entered the stage" times are spaced so that a trigger "stayed in
 * the stage 1 day" comes due for the first `fire` of them at `rate` per second, starting
 * `leadSeconds` from now (the others a day later). The trigger is saved through the API with
 * "apply to deals already in the stage", which schedules all M runs (delayed jobs) at once; then
 * the `fire` runs are waited for and their lateness taken from the queue: when the job
 * completed minus when it was due.
 */
export async function automationDelayed(
  ctx: BenchContext,
  pending: number,
  rate: number,
  leadSeconds: number,
  fire = pending,
  reuse: { pipelineId: number; deals: number } | null = null,
): Promise<DelayedFigures> {
  const { db } = ctx.database;
  // The deals of an already generated pipeline (the board's) with an all-stages trigger when
  // there are enough of them, else a new pipeline of `pending` deals in one stage.
  let place: { pipelineId: number; stageId: number | null };
  if (reuse && reuse.deals >= pending) place = { pipelineId: reuse.pipelineId, stageId: null };
  else {
    const pipeline = await createPipeline(ctx.client, `Bench delayed ${Date.now()}`, ['Ожидание']);
    const stageId = pipeline.stage('Ожидание');
    place = { pipelineId: pipeline.id, stageId };
    await generateInto(ctx, pending, { pipelineId: pipeline.id, stageId });
  }
  await waitForDispatcher(ctx.database);
  let dealsQuery = db
    .selectFrom('deals')
    .select((eb) => [
      eb.fn.min<number>('id').as('lo'),
      eb.fn.max<number>('id').as('hi'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('account_id', '=', ctx.accountId)
    .where('pipeline_id', '=', place.pipelineId)
    .where('deleted_at', 'is', null);
  if (place.stageId !== null) dealsQuery = dealsQuery.where('stage_id', '=', place.stageId);
  const span = await dealsQuery.executeTakeFirstOrThrow();
  const total = Number(span.n);
  const fired = Math.min(fire, total);
  const window = Math.max(1, Math.round(fired / rate));
  const firstDue = Math.ceil(Date.now() / 1000) + leadSeconds;
  const lo = Number(span.lo);
  const width = Math.max(1, Math.round(((Number(span.hi) - lo + 1) * fired) / total));
  // Entered one day before the moment it is due (integer arithmetic on both databases); the
  // deals past the first `fired` entered at the first due time, so they come due a day later.
  let update = db
    .updateTable('deals')
    .set({
      stage_entered_at: sql`CASE WHEN id - ${lo} < ${width}
        THEN ${firstDue - 86_400} + ((id - ${lo}) * ${window}) / ${width} ELSE ${firstDue} END`,
    })
    .where('account_id', '=', ctx.accountId)
    .where('pipeline_id', '=', place.pipelineId)
    .where('deleted_at', 'is', null);
  if (place.stageId !== null) update = update.where('stage_id', '=', place.stageId);
  await update.execute();

  const rssBefore = memoryOf(ctx.pid).rss;
  const cpu0 = cpuSeconds(ctx.pid);
  const t0 = performance.now();
  const saved = await call(
    ctx.client,
    'POST',
    `/api/app/pipelines/${place.pipelineId}/triggers`,
    {
      name: 'Напоминание через день',
      stage_id: place.stageId,
      when: { kind: 'stayed_in_stage', days: 1 },
      action: { type: 'create_task', params: { text: 'Напомнить о себе: {{deal.name}}' } },
      apply_to_existing: true,
    },
    triggerAnswer,
  );
  const scheduleSeconds = (performance.now() - t0) / 1000;
  const rssPending = memoryOf(ctx.pid).rss;
  if (Date.now() > firstDue * 1000)
    console.error(`  warning: scheduling took past the first due time; raise --delayed-lead`);

  const dueNow = Number(
    (
      await db
        .selectFrom('automation_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('trigger_id', '=', saved.id)
        .where('scheduled_at', '<', firstDue + 86_400)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const done = await waitForRuns(ctx, [saved.id], dueNow, (leadSeconds + window) * 1000 + 30 * 60_000);
  const runs = await db
    .selectFrom('automation_runs')
    .select(['id', 'scheduled_at'])
    .where('account_id', '=', ctx.accountId)
    .where('trigger_id', '=', saved.id)
    .where('status', '=', 'done')
    .execute();
  const jobs = await jobTimes(ctx);
  const late: number[] = [];
  const startLate: number[] = [];
  let lastDone = 0;
  for (const run of runs) {
    const job = jobs.get(`run:${run.id}`);
    if (!job) continue;
    const due = Number(run.scheduled_at) * 1000;
    late.push(job.completed - due);
    startLate.push(job.started - due);
    lastDone = Math.max(lastDone, job.completed);
  }
  const p = percentiles(late);
  const s = percentiles(startLate);
  return {
    pending: saved.applied,
    fired: dueNow,
    ratePerSecond: dueNow / window,
    scheduleSeconds,
    rssBefore,
    rssPending,
    peakRss: done.peakRss,
    firstDueToLastDoneSeconds: (lastDone - firstDue * 1000) / 1000,
    lateness: { ...p, over2s: late.filter((l) => l > 2000).length },
    startLateness: s,
    outcomes: done.by,
    timedOut: done.timedOut,
    serverCpuSeconds: cpuSeconds(ctx.pid) - cpu0,
    load: os.loadavg(),
  };
}
