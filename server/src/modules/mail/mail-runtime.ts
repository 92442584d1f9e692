import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { JobLogger, JobQueue } from '../../jobs/queue.ts';

export type MailOptions = {
  /** Wait between two syncs of a healthy mailbox. */
  pollIntervalMs: number;
  /** First wait after a failed sync; doubles per consecutive failure up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  connectTimeoutMs: number;
  socketTimeoutMs: number;
  /** SMTP retries of one outgoing mail (after the first attempt) and the first delay. */
  sendRetryLimit: number;
  sendRetryDelayMs: number;
  /** Mails taken from the server per sync pass; the next pass follows at once. */
  batchSize: number;
};

export const defaultMailOptions: MailOptions = {
  pollIntervalMs: 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 30 * 60_000,
  connectTimeoutMs: 15_000,
  socketTimeoutMs: 60_000,
  sendRetryLimit: 4,
  sendRetryDelayMs: 30_000,
  batchSize: 200,
};

let current: MailOptions = { ...defaultMailOptions };

/** The options in force; tests shorten the waits with configureMail. */
export const mailOptions = (): MailOptions => current;

export function configureMail(patch: Partial<MailOptions>): void {
  current = { ...defaultMailOptions, ...patch };
}

/** What the mail jobs need: the database, the queue, the key that opens stored passwords. */
export type MailRuntime = {
  db: Kysely<DB>;
  queue: JobQueue;
  secretKey: string;
  options: MailOptions;
  log: JobLogger & { info?: (details: Record<string, unknown>, message: string) => void };
};

/** The wait before the next sync after `failures` failed syncs in a row (0: a healthy poll). */
export function nextSyncDelay(options: MailOptions, failures: number): number {
  if (failures <= 0) return options.pollIntervalMs;
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.min(failures - 1, 20));
}
