import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { BatchHandler, JobContext, JobDefinition, JobHandler, JobLogger, StopOptions } from './queue.ts';

/** A job this node has claimed: it is 'active' in the store until completed, failed or leased out. */
export type ClaimedJob = { id: string; name: string; data: unknown; attempt: number };

/** What an adapter provides; the loop below is shared so both adapters behave the same. */
export type JobStore<J extends ClaimedJob> = {
  /** Atomically marks up to `limit` due jobs active for this node and returns them. */
  claim: (name: string, limit: number) => Promise<J[]>;
  /** Completes the jobs (one write for the lot where the store can). */
  complete: (jobs: J[]) => Promise<void>;
  /** Schedules a retry, or marks the job failed when it has no retries left. */
  fail: (job: J, error: string) => Promise<void>;
};

export type WorkerLoop = { wake: () => void; stop: (options: StopOptions) => Promise<void> };

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

type Running = { done: Promise<void>; abort: AbortController };

/** A one-job handler as a batch handler of batches of one. */
export function singleJobHandler<T>(handler: JobHandler<T>): BatchHandler<T> {
  return async (jobs) => {
    const failures = new Map<string, unknown>();
    for (const job of jobs) {
      try {
        await handler(job);
      } catch (error) {
        failures.set(job.id, error);
      }
    }
    return failures;
  };
}

/**
 * Polls the store for one job name and runs up to `concurrency` batches of up to `batchSize` jobs
 * at a time (a plain handler: batches of one). It polls every `pollIntervalMs`, and at once after
 * wake() (an in-process enqueue) or a finished batch (there may be more due work than free slots).
 */
export function startWorkerLoop<T, J extends ClaimedJob>(params: {
  store: JobStore<J>;
  definition: JobDefinition<T>;
  handler: BatchHandler<T>;
  concurrency: number;
  batchSize?: number;
  pollIntervalMs: number;
  logger: JobLogger;
}): WorkerLoop {
  const { store, definition, handler, concurrency, pollIntervalMs, logger } = params;
  const batchSize = params.batchSize ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be an integer >= 1');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be an integer >= 1');
  const name = definition.name;
  const running = new Set<Running>();
  let stopping = false;
  let woken = false;
  let interruptSleep: (() => void) | null = null;

  const wake = () => {
    woken = true;
    interruptSleep?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const finish = () => {
        clearTimeout(timer);
        interruptSleep = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      interruptSleep = finish;
    });

  async function runBatch(jobs: J[], signal: AbortSignal): Promise<void> {
    const failures = new Map<string, unknown>();
    const valid: Array<JobContext<T>> = [];
    for (const job of jobs) {
      const parsed = definition.schema.safeParse(job.data);
      if (parsed.success) valid.push({ id: job.id, name, data: parsed.data, attempt: job.attempt, signal });
      else failures.set(job.id, new Error(`Invalid job data: ${z.prettifyError(parsed.error)}`));
    }
    if (valid.length > 0) {
      try {
        for (const [id, error] of await handler(valid)) failures.set(id, error);
      } catch (error) {
        for (const job of valid) failures.set(job.id, error);
      }
    }
    // An abandoned batch is left to its lease, as after a crash, whatever the handler did later:
    // the same outcome on both adapters (pg-boss's pool is closed by then anyway).
    if (signal.aborted) return;
    for (const job of jobs) {
      if (!failures.has(job.id)) continue;
      const err = failures.get(job.id);
      logger.warn({ job: name, id: job.id, attempt: job.attempt, err }, 'job attempt failed');
      await store.fail(job, errorMessage(err));
    }
    const done = jobs.filter((job) => !failures.has(job.id));
    if (done.length > 0) await store.complete(done);
  }

  function launch(jobs: J[]) {
    const abort = new AbortController();
    const entry: Running = {
      abort,
      done: runBatch(jobs, abort.signal)
        // A lost completion is not lost work: the lease runs the job again.
        .catch((error: unknown) =>
          logger.error({ job: name, ids: jobs.map((j) => j.id), err: error }, 'job bookkeeping failed'),
        )
        .finally(() => {
          running.delete(entry);
          wake();
        }),
    };
    running.add(entry);
  }

  const loop = (async () => {
    while (!stopping) {
      woken = false;
      const free = concurrency - running.size;
      let failed = false;
      if (free > 0) {
        try {
          const claimed = await store.claim(name, free * batchSize);
          for (let i = 0; i < claimed.length; i += batchSize) launch(claimed.slice(i, i + batchSize));
        } catch (error) {
          failed = true;
          logger.error({ job: name, err: error }, 'claiming jobs failed');
        }
      }
      // While the database is unreachable, one log line every few seconds rather than every poll.
      await sleep(failed ? Math.max(pollIntervalMs, 5000) : pollIntervalMs);
    }
  })();

  async function stop({ graceful = true, timeoutMs = 30_000 }: StopOptions) {
    stopping = true;
    interruptSleep?.();
    await loop;
    if (graceful && running.size > 0) {
      const timeout = new AbortController();
      const allDone = Promise.all([...running].map((r) => r.done));
      await Promise.race([allDone, delay(timeoutMs, undefined, { signal: timeout.signal }).catch(() => {})]);
      timeout.abort();
    }
    for (const entry of running) entry.abort.abort();
  }

  return { wake, stop };
}
