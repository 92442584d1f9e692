import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Message } from '../../db/types-inbox.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { refuse } from '../pipelines/errors.ts';
import { authorizeDeal, authorizeEntityView } from '../policy/guards.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { findConversationById, insertMessage, touchConversation } from './conversations.repo.ts';
import { messengerOptions, sendMessageJob } from './send-message.job.ts';
import { findTelegramBot } from './telegram-settings.repo.ts';

/** Telegram's limit for one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Sends a message into a conversation: the message is stored (status queued, author the acting
 * user, robot 0) and its delivery job enqueued in the same transaction, so a message is sent iff
 * it was stored. The job retries what the messenger may accept later and marks the message failed
 * (with the messenger's reason) when it never will. Sent from a deal (`dealId`), the conversation
 * moves to that deal, so the client's answer lands where the manager wrote from.
 */
export function sendChatMessage(
  ctx: Ctx,
  input: { conversationId: number; text: string; dealId?: number | null | undefined },
): Promise<Message> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const text = input.text.trim();
    if (text === '') throw refuse('The message is empty', 'text', 'InvalidValue');
    if (text.length > MAX_MESSAGE_LENGTH)
      throw refuse(`A message is at most ${MAX_MESSAGE_LENGTH} characters`, 'text', 'InvalidValue');
    const conversation = await findConversationById(db, accountId, input.conversationId);
    if (!conversation) throw notFound(`Conversation ${input.conversationId} not found`);
    if (conversation.channel === 'telegram' && !(await findTelegramBot(db, accountId)))
      throw refuse('Telegram is not connected: connect a bot in Settings', 'channel', 'NotConnected');
    if (!c.queue)
      throw refuse('Sending needs the job queue, which is not running', 'channel', 'NotAvailable');
    const deal = await findDeal(db, accountId, input.dealId ?? conversation.deal_id ?? 0);
    // Writing to the client is working the deal: the user must be allowed to edit it.
    if (deal) await authorizeDeal(c, 'edit', deal);
    else if (conversation.contact_id !== null)
      await authorizeEntityView(c, 'contacts', conversation.contact_id);
    const dealId = deal?.id ?? conversation.deal_id;
    const now = nowSeconds();
    const message = await insertMessage(db, {
      account_id: accountId,
      conversation_id: conversation.id,
      deal_id: dealId,
      direction: 'out',
      external_id: null,
      author_user_id: c.userId,
      text,
      meta: '{}',
      status: 'queued',
      error: null,
      created_at: now,
    });
    if (!message) throw new Error('outgoing message not stored');
    await touchConversation(db, accountId, conversation.id, { deal_id: dealId, updated_at: now });
    await c.queue.enqueue(
      db,
      sendMessageJob,
      { accountId, messageId: message.id, waits: 0 },
      {
        retryLimit: messengerOptions.retryLimit,
        retryDelayMs: messengerOptions.retryDelayMs,
        retryBackoff: true,
        leaseMs: 120_000,
      },
    );
    return message;
  });
}
