import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { claimCursor, eventsAfter, holeMayFill, saveCursor } from './dispatch.repo.ts';
import { webhookSettings } from './present-webhook.ts';
import { webhookActionsFor } from './webhook-actions.ts';
import { deliverWebhookJob, type WebhookWorkerOptions } from './webhook-job.ts';
import { enabledWebhooks } from './webhooks.repo.ts';

type Dispatch = Pick<WebhookWorkerOptions, 'batchSize' | 'gapGraceMs' | 'retryLimit' | 'retryDelayMs'>;

/**
 * One pass of the outbox dispatcher: reads the events after the cursor and, in the same
 * transaction that moves the cursor, enqueues one delivery job per (subscription, event) whose
 * actions match. Events are taken in id order without holes: on PostgreSQL a missing id may be a
 * transaction still committing (ids are taken before commit), so the pass stops there until the
 * id shows up, no transaction that could hold it is still running, or `gapGraceMs` has passed.
 * Returns the events handled.
 */
export async function dispatchWebhooks(
  db: Kysely<DB>,
  queue: JobQueue,
  options: Dispatch,
  nowMs = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cursor = await claimCursor(trx, Math.floor(nowMs / 1000));
    const events = await eventsAfter(trx, cursor.last_event_id, options.batchSize);
    let { last_event_id: last, gap_id: gapId, gap_seen_at: gapSeenAt } = cursor;
    const ready: typeof events = [];
    for (const event of events) {
      if (event.id !== last + 1) {
        const hole = last + 1;
        if (gapId !== hole || gapSeenAt === null) [gapId, gapSeenAt] = [hole, nowMs];
        const waited = nowMs - gapSeenAt;
        const final = waited >= options.gapGraceMs || !(await holeMayFill(trx, waited));
        if (!final) break;
      }
      ready.push(event);
      [last, gapId, gapSeenAt] = [event.id, null, null];
    }

    const hooks = await enabledWebhooks(trx, [...new Set(ready.map((e) => e.account_id))]);
    for (const event of ready) {
      const actions = webhookActionsFor(event);
      if (actions.length === 0) continue;
      for (const hook of hooks) {
        // A subscription gets the events from its creation on, not the history before it.
        if (hook.account_id !== event.account_id || hook.created_at > event.created_at) continue;
        if (!webhookSettings(hook).some((s) => actions.includes(s))) continue;
        await queue.enqueue(
          trx,
          deliverWebhookJob,
          { webhookId: hook.id, eventId: event.id },
          {
            singletonKey: `${hook.id}:${event.id}`,
            retryLimit: options.retryLimit,
            retryDelayMs: options.retryDelayMs,
            retryBackoff: true,
            leaseMs: 120_000,
          },
        );
      }
    }
    await saveCursor(trx, { last_event_id: last, gap_id: gapId, gap_seen_at: gapSeenAt });
    return ready.length;
  });
}
