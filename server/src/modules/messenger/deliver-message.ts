import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { createBotApi, TelegramError } from '../../integrations/telegram/bot-api.ts';
import type { JobContext, JobQueue } from '../../jobs/queue.ts';
import { findConversationById, findMessage, setMessageStatus } from './conversations.repo.ts';
import { messengerOptions, sendMessageJob } from './send-message.job.ts';
import { botTokenOf, findTelegramBot } from './telegram-settings.repo.ts';

export type MessengerRuntime = {
  db: Kysely<DB>;
  queue: JobQueue;
  telegramApiUrl: string;
  telegramPollTimeout: number;
  /** Opens the sealed bot tokens. */
  secretKey: string;
  log: {
    warn: (d: Record<string, unknown>, m: string) => void;
    error: (d: Record<string, unknown>, m: string) => void;
  };
};

type Job = JobContext<{ accountId: number; messageId: number; waits: number }>;

/**
 * The `messenger.send` job: sends a queued message through its conversation's channel. A
 * Telegram 429 waits exactly `retry_after` (a new job, so the queue's backoff does not stretch
 * it); a 5xx or no answer throws, so the queue retries with backoff, and the last attempt marks the
 * message failed; any other refusal (403: the client blocked the bot, 400: chat not found) fails
 * the message at once with Telegram's reason, which the deal's feed shows.
 */
export async function deliverMessage(rt: MessengerRuntime, job: Job): Promise<void> {
  const { accountId, messageId } = job.data;
  const message = await findMessage(rt.db, accountId, messageId);
  // Already sent or failed (a job run twice after a lease expired): nothing to do.
  if (!message || message.direction !== 'out' || message.status !== 'queued') return;
  const fail = (error: string) => setMessageStatus(rt.db, accountId, messageId, { status: 'failed', error });
  const conversation = await findConversationById(rt.db, accountId, message.conversation_id);
  if (!conversation || conversation.channel !== 'telegram')
    return fail('The channel of this chat is not available');
  const bot = await findTelegramBot(rt.db, accountId);
  if (!bot) return fail('Telegram is not connected');
  let token: string;
  try {
    token = botTokenOf(bot.settings, rt.secretKey);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  try {
    const sent = await createBotApi(rt.telegramApiUrl, token, {
      signal: job.signal,
    }).sendMessage(conversation.external_id, message.text);
    await setMessageStatus(rt.db, accountId, messageId, {
      status: 'sent',
      error: null,
      external_id: String(sent.message_id),
    });
  } catch (err) {
    if (!(err instanceof TelegramError)) throw err;
    if (err.code === 429 && err.retryAfter !== null && job.data.waits < messengerOptions.maxWaits) {
      await rt.db.transaction().execute(async (trx) => {
        await setMessageStatus(trx, accountId, messageId, { status: 'queued', error: err.message });
        await rt.queue.enqueue(
          trx,
          sendMessageJob,
          { ...job.data, waits: job.data.waits + 1 },
          {
            startAfterMs: Math.min(err.retryAfter ?? 1, 3600) * 1000,
            retryLimit: messengerOptions.retryLimit,
            retryDelayMs: messengerOptions.retryDelayMs,
            retryBackoff: true,
            leaseMs: 120_000,
          },
        );
      });
      return;
    }
    if (err.transient && job.attempt <= messengerOptions.retryLimit) {
      await setMessageStatus(rt.db, accountId, messageId, { status: 'queued', error: err.message });
      throw err;
    }
    await fail(err.message);
  }
}
