import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { JobDefinition, JobHandler, JobLogger, StopOptions } from './queue.ts';

/** A job this node has claimed: it is 'active' in the store until completed, failed or leased out. */
export type ClaimedJob = { id: string; name: string; data: unknown; attempt: number };

/** What an adapter provides; the loop below is shared so both adapters behave the same. */
export type JobStore<J extends ClaimedJob> = {
  /** Atomically marks up to `limit` due jobs active for this node and returns them. */
  claim: (name: string, limit: number) => Promise<J[]>;
  complete: (job: J) => Promise<void>;
  /** Schedules a retry, or marks the job failed when it has no retries left. */
  fail: (job: J, error: string) => Promise<void>;
};

export type WorkerLoop = { wake: () => void; stop: (options: StopOptions) => Promise<void> };

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

type Running = { done: Promise<void>; abort: AbortController };

/**
 * Polls the store for one job name and runs up to `concurrency` handlers at a time. It polls
 * every `pollIntervalMs`, and at once after wake() (an in-process enqueue) or a finished handler
 * (there may be more due work than free slots).
 */
export function startWorkerLoop<T, J extends ClaimedJob>(params: {
  store: JobStore<J>;
  definition: JobDefinition<T>;
  handler: JobHandler<T>;
  concurrency: number;
  pollIntervalMs: number;
  logger: JobLogger;
}): WorkerLoop {
  const { store, definition, handler, concurrency, pollIntervalMs, logger } = params;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be an integer >= 1');
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

  async function runOne(job: J, signal: AbortSignal): Promise<void> {
    try {
      const parsed = definition.schema.safeParse(job.data);
      if (!parsed.success) throw new Error(`Invalid job data: ${z.prettifyError(parsed.error)}`);
      await handler({ id: job.id, name, data: parsed.data, attempt: job.attempt, signal });
    } catch (error) {
      if (signal.aborted) return;
      logger.warn({ job: name, id: job.id, attempt: job.attempt, err: error }, 'job attempt failed');
      await store.fail(job, errorMessage(error));
      return;
    }
    // An abandoned job is left to its lease, as after a crash, whatever the handler did later:
    // the same outcome on both adapters (pg-boss's pool is closed by then anyway).
    if (!signal.aborted) await store.complete(job);
  }

  function launch(job: J) {
    const abort = new AbortController();
    const entry: Running = {
      abort,
      done: runOne(job, abort.signal)
        // A lost completion is not lost work: the lease runs the job again.
        .catch((error: unknown) =>
          logger.error({ job: name, id: job.id, err: error }, 'job bookkeeping failed'),
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
          for (const job of await store.claim(name, free)) launch(job);
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
