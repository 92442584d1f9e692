import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { JobLogger, JobQueue } from '../../jobs/queue.ts';
import { webhookDeliveryHandler } from './deliver-webhook.ts';
import { dispatchWebhooks } from './dispatch-webhooks.ts';
import { defaultWebhookWorkerOptions, deliverWebhookJob, type WebhookWorkerOptions } from './webhook-job.ts';
import { pruneDeliveries } from './webhooks.repo.ts';

/** How long the delivery log keeps its rows. */
const LOG_RETENTION_SECONDS = 30 * 86400;
const PRUNE_EVERY_MS = 3600_000;

export type WebhookWorker = { stop: () => Promise<void> };

/**
 * Starts outgoing webhooks on this node: the delivery job handlers, and the dispatcher that turns
 * new events into delivery jobs (every node may run one: the cursor row lock makes each event
 * dispatched once). stop() ends the dispatcher after its current pass; the queue's own stop
 * finishes or abandons running deliveries.
 */
export async function startWebhooks(
  db: Kysely<DB>,
  queue: JobQueue,
  logger: JobLogger,
  overrides: Partial<WebhookWorkerOptions> = {},
): Promise<WebhookWorker> {
  const options = { ...defaultWebhookWorkerOptions, ...overrides };
  await queue.work(deliverWebhookJob, webhookDeliveryHandler(db, options), {
    concurrency: options.concurrency,
  });
  let stopping = false;
  let wake: (() => void) | null = null;
  let lastPrune = 0;
  const loop = (async () => {
    while (!stopping) {
      let handled = 0;
      try {
        handled = await dispatchWebhooks(db, queue, options);
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await pruneDeliveries(db, nowSeconds() - LOG_RETENTION_SECONDS);
        }
      } catch (error) {
        logger.error({ err: error }, 'webhook dispatch failed');
      }
      // A full batch means more events are waiting: go again at once.
      if (handled >= options.batchSize || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
