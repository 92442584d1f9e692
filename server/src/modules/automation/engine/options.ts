import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { JobQueue } from '../../../jobs/queue.ts';

/** Tunables of the engine; tests shorten the retry delay. */
export type AutomationOptions = {
  /** Retries after the first attempt of a run whose action failed for a transient reason. */
  retryLimit: number;
  /** First retry delay (doubles for each next retry). */
  retryDelayMs: number;
  /** A chain of automatic changes deeper than this is stopped (a loop between triggers). */
  maxDepth: number;
  /** How often the dispatcher looks for new events. */
  pollIntervalMs: number;
  /** Events read per dispatcher pass. */
  batchSize: number;
  /** How long an outbound HTTP call (webhook, SMS, GA4) may take. */
  httpTimeoutMs: number;
  /**
   * Due runs handled in one transaction (each in a savepoint). On SQLite, where one writer
   * works at a time, batches save a commit and the queue's bookkeeping per run; on PostgreSQL
   * runs go one a transaction, several at once.
   */
  runBatchSize: number;
};

export const defaultAutomationOptions: AutomationOptions = {
  retryLimit: 4,
  retryDelayMs: 30_000,
  maxDepth: 10,
  pollIntervalMs: 500,
  batchSize: 500,
  httpTimeoutMs: 10_000,
  runBatchSize: 1,
};

/** Runs per transaction: batches where one writer works at a time (SQLite), one elsewhere. */
export const runBatchSizeFor = (dialect: 'sqlite' | 'postgres'): number => (dialect === 'sqlite' ? 25 : 1);

/** What the engine's job handlers and the dispatcher need beyond a request's context. */
export type AutomationRuntime = {
  db: Kysely<DB>;
  queue: JobQueue;
  secretKey: string;
  publicUrl: string | undefined;
  options: AutomationOptions;
  log: {
    warn: (d: Record<string, unknown>, m: string) => void;
    error: (d: Record<string, unknown>, m: string) => void;
  };
};

let current: AutomationOptions = { ...defaultAutomationOptions };

/** The options new runs are enqueued with (set once at start, or by a test). */
export const automationOptions = (): AutomationOptions => current;
export function configureAutomation(patch: Partial<AutomationOptions>): void {
  current = { ...current, ...patch };
}
