import { sql, type Kysely } from 'kysely';
import { prepared } from '../db/prepared.ts';
import type { DB, JobsTable } from '../db/types.ts';
import {
  consoleJobLogger,
  resolveEnqueueOptions,
  type JobInfo,
  type JobLogger,
  type JobQueue,
  type StopOptions,
} from './queue.ts';
import {
  singleJobHandler,
  startWorkerLoop,
  type ClaimedJob,
  type JobStore,
  type WorkerLoop,
} from './worker-loop.ts';

export type SqliteQueueOptions = {
  logger?: JobLogger;
  pollIntervalMs?: number;
  /** How often jobs abandoned on their last attempt are failed (claim re-runs the others). */
  maintenanceIntervalMs?: number;
  /** Completed and cancelled jobs are kept this long, failed ones four times as long. */
  retentionMs?: number;
};

type SqliteClaimed = ClaimedJob & { retryLimit: number; retryDelayMs: number; retryBackoff: boolean };

const waiting = ['created', 'retry'] as const;

/** The delay before retry number `attempt` (1-based): doubling, capped like pg-boss at 2^16. */
export function retryDelay(job: { retryDelayMs: number; retryBackoff: boolean }, attempt: number): number {
  return job.retryBackoff ? job.retryDelayMs * 2 ** Math.min(16, attempt - 1) : job.retryDelayMs;
}

function sqliteStore(db: Kysely<DB>): JobStore<SqliteClaimed> {
  return {
    async claim(name, limit) {
      const now = Date.now();
      // One UPDATE is the claim: SQLite runs one writer at a time, so two app nodes on the same
      // file never get the same row. Due waiting jobs come from the partial index jobs_waiting
      // in due order (the literal states let SQLite use it), and an active job whose lease ran
      // out is due again; each half reads only the rows it returns, however many jobs wait.
      const rows = await db
        .updateTable('jobs')
        .set((eb) => ({
          state: 'active',
          attempts: eb('attempts', '+', 1),
          started_at: now,
          run_at: eb('lease_ms', '+', now),
        }))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom(
              eb
                .selectFrom((sub) =>
                  sub
                    .selectFrom('jobs')
                    .select('id')
                    .where('name', '=', name)
                    .where(sql<boolean>`state in ('created', 'retry')`)
                    .where('run_at', '<=', now)
                    .orderBy('run_at')
                    .orderBy('id')
                    .limit(limit)
                    .as('waiting'),
                )
                .select('waiting.id')
                .unionAll((u) =>
                  u
                    .selectFrom((sub) =>
                      sub
                        .selectFrom('jobs')
                        .select('id')
                        .where('name', '=', name)
                        .where('state', '=', 'active')
                        .where('run_at', '<=', now)
                        .where((w) => w('attempts', '<=', w.ref('retry_limit')))
                        .orderBy('run_at')
                        .limit(limit)
                        .as('expired'),
                    )
                    .select('expired.id'),
                )
                .as('due'),
            )
            .select('due.id')
            .limit(limit),
        )
        .returning(['id', 'name', 'data', 'attempts', 'retry_limit', 'retry_delay_ms', 'retry_backoff'])
        .execute();
      return rows.map((row) => {
        const data: unknown = JSON.parse(row.data);
        return {
          id: String(row.id),
          name: row.name,
          data,
          attempt: row.attempts,
          retryLimit: row.retry_limit,
          retryDelayMs: row.retry_delay_ms,
          retryBackoff: row.retry_backoff === 1,
        };
      });
    },
    async complete(jobs) {
      // `attempts` fences off a worker whose lease ran out and whose job was re-claimed.
      const byAttempt = new Map<number, SqliteClaimed[]>();
      for (const job of jobs) byAttempt.set(job.attempt, [...(byAttempt.get(job.attempt) ?? []), job]);
      for (const [attempt, group] of byAttempt)
        await db
          .updateTable('jobs')
          .set({ state: 'completed', completed_at: Date.now(), last_error: null })
          .where(
            'id',
            'in',
            group.map((job) => Number(job.id)),
          )
          .where('state', '=', 'active')
          .where('attempts', '=', attempt)
          .execute();
    },
    async fail(job, error) {
      const now = Date.now();
      const exhausted = job.attempt > job.retryLimit;
      await db
        .updateTable('jobs')
        .set(
          exhausted
            ? { state: 'failed', completed_at: now, last_error: error }
            : { state: 'retry', run_at: now + retryDelay(job, job.attempt), last_error: error },
        )
        .where('id', '=', Number(job.id))
        .where('state', '=', 'active')
        .where('attempts', '=', job.attempt)
        .execute();
    },
  };
}

/** Fails jobs abandoned on their last attempt (claim skips them) and deletes old finished jobs. */
async function maintain(db: Kysely<DB>, retentionMs: number): Promise<void> {
  const now = Date.now();
  await db
    .updateTable('jobs')
    .set({
      state: 'failed',
      completed_at: now,
      last_error: 'Lease expired: the worker did not finish in time (timeout)',
    })
    .where('state', '=', 'active')
    .where('run_at', '<=', now)
    .where((eb) => eb('attempts', '>', eb.ref('retry_limit')))
    .execute();
  await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['completed', 'cancelled']), eb('completed_at', '<', now - retentionMs)]),
        eb.and([eb('state', '=', 'failed'), eb('completed_at', '<', now - 4 * retentionMs)]),
      ]),
    )
    .execute();
}

type NewJob = Omit<JobsTable, 'id' | 'state' | 'attempts' | 'last_error' | 'started_at' | 'completed_at'>;

const insertJob = prepared((db, p: NewJob) =>
  db
    .insertInto('jobs')
    .values({
      name: p.name,
      data: p.data,
      state: 'created',
      run_at: p.run_at,
      retry_limit: p.retry_limit,
      retry_delay_ms: p.retry_delay_ms,
      retry_backoff: p.retry_backoff,
      lease_ms: p.lease_ms,
      singleton_key: p.singleton_key,
      cancel_key: p.cancel_key,
      created_at: p.created_at,
    })
    // The only unique index is the singleton one: a conflict is a duplicate singleton.
    .onConflict((oc) => oc.doNothing())
    .returning('id'),
);

/** The in-process job runner over the `jobs` table, for single-node SQLite installs. */
export function createSqliteQueue(db: Kysely<DB>, options: SqliteQueueOptions = {}): JobQueue {
  const logger = options.logger ?? consoleJobLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const store = sqliteStore(db);
  const loops = new Map<string, WorkerLoop[]>();
  let started = false;
  let maintenance: NodeJS.Timeout | undefined;

  const assertStarted = () => {
    if (!started) throw new Error('The job queue is not started');
  };

  return {
    async start() {
      if (started) return;
      started = true;
      const tick = () =>
        maintain(db, options.retentionMs ?? 7 * 24 * 3600_000).catch((error: unknown) =>
          logger.error({ err: error }, 'job maintenance failed'),
        );
      await tick();
      maintenance = setInterval(() => void tick(), options.maintenanceIntervalMs ?? 60_000);
    },

    async enqueue(executor, job, data, enqueueOptions = {}) {
      assertStarted();
      job.schema.parse(data);
      const now = Date.now();
      const o = resolveEnqueueOptions(enqueueOptions, now);
      const row = await insertJob.first(executor, {
        name: job.name,
        data: JSON.stringify(data),
        run_at: o.runAt,
        retry_limit: o.retryLimit,
        retry_delay_ms: o.retryDelayMs,
        retry_backoff: o.retryBackoff ? 1 : 0,
        lease_ms: o.leaseMs,
        singleton_key: o.singletonKey,
        cancel_key: o.cancelKey,
        created_at: now,
      });
      if (!row) return null;
      // Inside a transaction the claim waits for the commit: one connection, queries in turn.
      if (o.runAt <= now) for (const loop of loops.get(job.name) ?? []) loop.wake();
      return String(row.id);
    },

    async cancelByKey(executor, cancelKey) {
      const result = await executor
        .updateTable('jobs')
        .set({ state: 'cancelled', completed_at: Date.now() })
        .where('cancel_key', '=', cancelKey)
        .where('state', 'in', waiting)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async work(job, handler, workOptions = {}) {
      await this.workBatch(job, singleJobHandler(handler), { concurrency: workOptions.concurrency ?? 1 });
    },

    async workBatch(job, handler, workOptions = {}) {
      assertStarted();
      const loop = startWorkerLoop({
        store,
        definition: job,
        handler,
        concurrency: workOptions.concurrency ?? 1,
        batchSize: workOptions.batchSize ?? 1,
        pollIntervalMs,
        logger,
      });
      loops.set(job.name, [...(loops.get(job.name) ?? []), loop]);
    },

    async getJob(id): Promise<JobInfo | null> {
      if (!/^\d+$/.test(id)) return null;
      const row = await db
        .selectFrom('jobs')
        .select(['id', 'name', 'state', 'attempts', 'last_error'])
        .where('id', '=', Number(id))
        .executeTakeFirst();
      if (!row) return null;
      const { name, state, attempts } = row;
      return { id: String(row.id), name, state, attempts, lastError: row.last_error };
    },

    async stop(stopOptions: StopOptions = {}) {
      clearInterval(maintenance);
      const all = [...loops.values()].flat();
      loops.clear();
      await Promise.all(all.map((loop) => loop.stop(stopOptions)));
      started = false;
    },
  };
}
