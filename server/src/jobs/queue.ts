import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/types.ts';

/**
 * A kind of job: the queue it goes to and the schema its data is parsed with, on enqueue (to fail
 * in the request that made the mistake) and again before the handler sees it. Data is stored as
 * JSON, so a Date comes back as a string: use ISO strings or z.coerce.date() in the schema.
 */
export type JobDefinition<T> = { name: string; schema: z.ZodType<T> };

/** Names become pg-boss queue names, so keep them to what pg-boss accepts everywhere. */
export function defineJob<T>(name: string, schema: z.ZodType<T>): JobDefinition<T> {
  if (!/^[a-z0-9][\w.-]*$/i.test(name)) throw new Error(`Invalid job name: ${name}`);
  return { name, schema };
}

export type EnqueueOptions = {
  /** When the job becomes due; default now. Exclusive with startAfterMs. */
  runAt?: Date;
  startAfterMs?: number;
  /** At most one job per (name, key) waits for its first attempt; a duplicate enqueue returns null. */
  singletonKey?: string;
  /** A handle for cancelByKey, e.g. `deal:42:reminder`. */
  cancelKey?: string;
  /** Retries after the first attempt (so retryLimit + 1 attempts in all). */
  retryLimit?: number;
  /** Wait before a retry; pg-boss rounds it up to whole seconds. */
  retryDelayMs?: number;
  /** Doubles the delay for each retry (pg-boss also adds up to 100% jitter). */
  retryBackoff?: boolean;
  /**
   * How long one attempt may run before the job is considered abandoned (its process died) and
   * is run again: at-least-once delivery. Handlers must finish well within it.
   */
  leaseMs?: number;
};

/** Defaults suited to side effects that leave the process (email, webhooks, SMS). */
export const jobDefaults = {
  retryLimit: 3,
  retryDelayMs: 10_000,
  retryBackoff: true,
  leaseMs: 15 * 60_000,
} as const;

export type ResolvedEnqueue = {
  runAt: number;
  retryLimit: number;
  retryDelayMs: number;
  retryBackoff: boolean;
  leaseMs: number;
  singletonKey: string | null;
  cancelKey: string | null;
};

function nonNegativeInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${what} must be a non-negative integer`);
  return value;
}

/** Applies defaults and checks the options once, for both adapters. */
export function resolveEnqueueOptions(options: EnqueueOptions, now: number): ResolvedEnqueue {
  if (options.runAt && options.startAfterMs !== undefined) {
    throw new Error('Pass runAt or startAfterMs, not both');
  }
  const runAt = options.runAt
    ? options.runAt.getTime()
    : now + nonNegativeInt(options.startAfterMs ?? 0, 'startAfterMs');
  if (!Number.isFinite(runAt)) throw new Error('runAt is not a valid date');
  const leaseMs = nonNegativeInt(options.leaseMs ?? jobDefaults.leaseMs, 'leaseMs');
  if (leaseMs < 1000) throw new Error('leaseMs must be at least 1000');
  return {
    runAt,
    retryLimit: nonNegativeInt(options.retryLimit ?? jobDefaults.retryLimit, 'retryLimit'),
    retryDelayMs: nonNegativeInt(options.retryDelayMs ?? jobDefaults.retryDelayMs, 'retryDelayMs'),
    retryBackoff: options.retryBackoff ?? jobDefaults.retryBackoff,
    leaseMs,
    singletonKey: options.singletonKey ?? null,
    cancelKey: options.cancelKey ?? null,
  };
}

export type JobContext<T> = {
  id: string;
  name: string;
  data: T;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the queue stops without waiting for this handler any longer. */
  signal: AbortSignal;
};

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/**
 * Handles several claimed jobs at once (e.g. in one database transaction). Returns the jobs that
 * failed, by id, with their errors: those are retried or failed as a throwing JobHandler's job
 * would be, and the rest complete. A throw fails every job of the batch.
 */
export type BatchHandler<T> = (jobs: Array<JobContext<T>>) => Promise<Map<string, unknown>>;

export type WorkOptions = { concurrency?: number };

export type BatchWorkOptions = {
  /** Batches handled at the same time by this node. */
  concurrency?: number;
  /** Most jobs in one batch; a batch holds whatever is due, up to this. */
  batchSize?: number;
};

export type StopOptions = {
  /** Wait for running handlers (up to timeoutMs); default true. */
  graceful?: boolean;
  timeoutMs?: number;
};

/** 'retry' is a job waiting after a failed attempt; 'created' has never been tried. */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled';

export type JobInfo = {
  id: string;
  name: string;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  /** The error of the latest failed attempt; cleared when the job completes. */
  lastError: string | null;
};

/** pino's (details, message) order, so the app logger fits as it is. */
export type JobLogger = {
  warn: (details: Record<string, unknown>, message: string) => void;
  error: (details: Record<string, unknown>, message: string) => void;
};

export const consoleJobLogger: JobLogger = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

export interface JobQueue {
  /** Must run before enqueue/work: pg-boss installs or migrates its schema here. */
  start(): Promise<void>;
  /**
   * Adds a job through `executor` (a Transaction<DB> or the Kysely<DB> itself), so the job exists
   * iff the caller's transaction commits. Returns the job id, or null when a job with the same
   * singletonKey is still waiting for its first attempt.
   */
  enqueue<T>(
    executor: Kysely<DB>,
    job: JobDefinition<T>,
    data: T,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Cancels the waiting ('created' or 'retry') jobs with that key; running ones finish. */
  cancelByKey(executor: Kysely<DB>, cancelKey: string): Promise<number>;
  /** Runs handlers for this job name in this process; every app node may call it. */
  work<T>(job: JobDefinition<T>, handler: JobHandler<T>, options?: WorkOptions): Promise<void>;
  /** As work(), but the handler gets up to `batchSize` due jobs at a time. */
  workBatch<T>(job: JobDefinition<T>, handler: BatchHandler<T>, options?: BatchWorkOptions): Promise<void>;
  getJob(id: string): Promise<JobInfo | null>;
  /**
   * Stops claiming jobs. Handlers still running after the grace period (or at once when not
   * graceful) are abandoned as if the process had died: their jobs run again after the lease.
   */
  stop(options?: StopOptions): Promise<void>;
}
