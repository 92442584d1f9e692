import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';

/** One delivery of one event to one subscription; retried with backoff by the queue. */
export const deliverWebhookJob = defineJob(
  'webhooks.deliver',
  z.object({ webhookId: z.number().int().positive(), eventId: z.number().int().positive() }),
);

export type WebhookWorkerOptions = {
  /** How often the dispatcher looks for new events (ms). */
  pollIntervalMs: number;
  /** Events read per dispatcher pass. */
  batchSize: number;
  /**
   * How long a missing event id holds the dispatcher back (ms): on PostgreSQL ids are taken
   * before commit, so a lower id may still become visible; after this the gap is taken as a
   * rolled-back transaction.
   */
  gapGraceMs: number;
  /** Retries after the first attempt, and the first retry's delay (doubling after). */
  retryLimit: number;
  retryDelayMs: number;
  /** How long the receiver may take to answer (ms). */
  timeoutMs: number;
  concurrency: number;
  /** `account[_links][self]` of amoCRM's payload (PUBLIC_URL), when known. */
  publicUrl?: string;
};

export const defaultWebhookWorkerOptions: WebhookWorkerOptions = {
  pollIntervalMs: 1000,
  batchSize: 200,
  gapGraceMs: 60_000,
  retryLimit: 5,
  retryDelayMs: 30_000,
  timeoutMs: 10_000,
  concurrency: 4,
};
