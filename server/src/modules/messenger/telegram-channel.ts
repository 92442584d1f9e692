import { registerChannel, type MessengerChannel } from '../channels/channel.ts';
import { refuse } from '../pipelines/errors.ts';
import { contactConversation } from './conversations.repo.ts';
import { sendChatMessage } from './send-chat-message.ts';
import { findTelegramBot } from './telegram-settings.repo.ts';

/**
 * Telegram as a messenger channel: it reaches a contact who has written to the account's bot
 * (a bot cannot start a chat), and sends by queueing the message (see sendChatMessage).
 */
export const telegramChannel: MessengerChannel = {
  kind: 'telegram',
  async canReach(ctx, contactId) {
    if (!(await findTelegramBot(ctx.db, ctx.accountId))) return false;
    return (await contactConversation(ctx.db, ctx.accountId, contactId, 'telegram')) !== undefined;
  },
  async send(ctx, message) {
    const conversation = await contactConversation(ctx.db, ctx.accountId, message.contactId, 'telegram');
    if (!conversation) throw refuse('The contact has no Telegram chat', 'contact_id', 'NotFound');
    const stored = await sendChatMessage(ctx, {
      conversationId: conversation.id,
      text: message.text,
      dealId: message.dealId,
    });
    return { externalId: `message:${stored.id}` };
  },
};

export const registerTelegramChannel = (): void => registerChannel(telegramChannel);
