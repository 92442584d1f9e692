import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { DB } from '../db/types.ts';
import { cancelWaitingByKey, readJob } from './pgboss-sql.ts';
import { consoleJobLogger, resolveEnqueueOptions, type JobLogger, type JobQueue } from './queue.ts';
import {
  singleJobHandler,
  startWorkerLoop,
  type ClaimedJob,
  type JobStore,
  type WorkerLoop,
} from './worker-loop.ts';

export type PgBossQueueOptions = {
  connectionString: string;
  logger?: JobLogger;
  pollIntervalMs?: number;
  /** How often pg-boss looks for active jobs whose lease (expireIn) ran out; at least 1000. */
  expiryCheckIntervalMs?: number;
};

const SCHEMA = 'pgboss';

// The job data is wrapped so any JSON value fits (pg-boss wants an object) and the cancel key
// sits where cancelByKey's SQL can find it.
const envelope = z.object({ payload: z.unknown(), cancelKey: z.string().optional() });

/** pg-boss's `db` option over a Kysely executor, so its SQL joins the caller's transaction. */
function bossDb(executor: Kysely<DB>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * The PostgreSQL job queue: pg-boss stores, claims (FOR UPDATE SKIP LOCKED), retries and expires
 * jobs, so any number of app nodes share it. Handlers run in our own worker loop over
 * fetch/complete/fail rather than pg-boss's work(), which completes jobs without awaiting the
 * write and only scales by adding pollers.
 */
export function createPgBossQueue(db: Kysely<DB>, options: PgBossQueueOptions): JobQueue {
  const logger = options.logger ?? consoleJobLogger;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: SCHEMA,
    max: 5,
    schedule: false, // no cron jobs (yet); saves a poller per node
    supervise: true, // maintenance: expires leases, archives finished jobs
    maintenanceIntervalSeconds: seconds(options.expiryCheckIntervalMs ?? 60_000),
  });
  // An EventEmitter without an 'error' listener throws, taking the process down.
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  const queues = new Map<string, Promise<void>>();
  const loops = new Map<string, WorkerLoop[]>();
  let started = false;

  const assertStarted = () => {
    if (!started) throw new Error('The job queue is not started');
  };

  // pg-boss 10 silently drops jobs sent to a queue that does not exist, so every name is created
  // first. The 'short' policy adds a unique index on (name, singleton_key) over 'created' jobs:
  // the singleton dedupe. Keyless jobs get a random key so they never collide with each other.
  function ensureQueue(name: string): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = (async () => {
        await boss.createQueue(name, { name, policy: 'short' });
        // A queue made elsewhere with another policy would quietly stop deduping singletons.
        const queue = await boss.getQueue(name);
        if (queue?.policy !== 'short') await boss.updateQueue(name, { name, policy: 'short' });
      })().catch((error: unknown) => {
        queues.delete(name);
        throw error;
      });
      queues.set(name, created);
    }
    return created;
  }

  const store: JobStore<ClaimedJob> = {
    async claim(name, limit) {
      const jobs = await boss.fetch<unknown>(name, { batchSize: limit, includeMetadata: true });
      return jobs.map((job) => {
        // Not our envelope (sent around this adapter): the handler's schema decides, and fails it.
        const wrapped = envelope.safeParse(job.data);
        const data = wrapped.success ? wrapped.data.payload : job.data;
        return { id: job.id, name, data, attempt: job.retryCount + 1 };
      });
    },
    async complete(jobs) {
      const [first] = jobs;
      if (first)
        await boss.complete(
          first.name,
          jobs.map((job) => job.id),
        );
    },
    async fail(job, error) {
      await boss.fail(job.name, job.id, { message: error });
    },
  };

  return {
    async start() {
      if (started) return;
      await boss.start();
      started = true;
    },

    async enqueue(executor, job, data, enqueueOptions = {}) {
      assertStarted();
      job.schema.parse(data);
      const o = resolveEnqueueOptions(enqueueOptions, Date.now());
      await ensureQueue(job.name);
      const id = await boss.send(
        job.name,
        { payload: data, ...(o.cancelKey === null ? {} : { cancelKey: o.cancelKey }) },
        {
          startAfter: new Date(o.runAt),
          singletonKey: o.singletonKey === null ? `u:${randomUUID()}` : `k:${o.singletonKey}`,
          retryLimit: o.retryLimit,
          retryDelay: seconds(o.retryDelayMs),
          retryBackoff: o.retryBackoff,
          expireInSeconds: seconds(o.leaseMs),
          db: bossDb(executor),
        },
      );
      // Outside a transaction the job is visible now; inside one, polling finds it after commit.
      if (id !== null && o.runAt <= Date.now()) for (const loop of loops.get(job.name) ?? []) loop.wake();
      return id;
    },

    cancelByKey: (executor, cancelKey) => cancelWaitingByKey(executor, SCHEMA, cancelKey),

    async work(job, handler, workOptions = {}) {
      await this.workBatch(job, singleJobHandler(handler), { concurrency: workOptions.concurrency ?? 1 });
    },

    async workBatch(job, handler, workOptions = {}) {
      assertStarted();
      await ensureQueue(job.name);
      const loop = startWorkerLoop({
        store,
        definition: job,
        handler,
        concurrency: workOptions.concurrency ?? 1,
        batchSize: workOptions.batchSize ?? 1,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        logger,
      });
      loops.set(job.name, [...(loops.get(job.name) ?? []), loop]);
    },

    getJob: (id) => readJob(db, SCHEMA, id),

    async stop(stopOptions = {}) {
      const all = [...loops.values()].flat();
      loops.clear();
      await Promise.all(all.map((loop) => loop.stop(stopOptions)));
      if (started) await boss.stop({ graceful: false, close: true });
      started = false;
    },
  };
}
