import type { MessengerRuntime } from './deliver-message.ts';
import { deliverMessage } from './deliver-message.ts';
import { startTelegramPolling, type PollingOptions } from './poll-telegram.ts';
import { sendMessageJob } from './send-message.job.ts';
import { registerTelegramChannel } from './telegram-channel.ts';

/**
 * This node's part of the messengers: the Telegram channel for the digital pipeline, the delivery
 * worker for outgoing messages, and long polling for the bots that use it. Returns stop.
 */
export async function startMessenger(rt: MessengerRuntime, polling: PollingOptions = {}) {
  registerTelegramChannel();
  await rt.queue.work(sendMessageJob, (job) => deliverMessage(rt, job), { concurrency: 2 });
  const poller = startTelegramPolling(rt, polling);
  return { wake: poller.wake, stop: poller.stop };
}
