import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';

/** Delivers one outgoing messenger message (a `messages` row in status queued). */
export const sendMessageJob = defineJob(
  'messenger.send',
  z.object({
    accountId: z.number().int().positive(),
    messageId: z.number().int().positive(),
    /** Times the channel asked us to wait (Telegram 429 retry_after); capped. */
    waits: z.number().int().min(0).default(0),
  }),
);

/** Retry tunables of outgoing messages; tests shorten the delay. */
export const messengerOptions = { retryLimit: 5, retryDelayMs: 5_000, maxWaits: 10 };
export function configureMessenger(patch: Partial<typeof messengerOptions>): void {
  Object.assign(messengerOptions, patch);
}
