import type { TelegramUpdate } from '../../integrations/telegram/bot-api.ts';
import type { Ctx } from '../context.ts';
import { receiveChatMessage, type ReceivedChatMessage } from './receive-chat-message.ts';
import type { TelegramSettings } from './telegram-settings.repo.ts';

/**
 * One update from the account's bot (webhook or getUpdates). Only private chats with text (or a
 * caption) become messages; anything else (edits, group chats, stickers, the bot's own kinds)
 * is acknowledged and passed over, so it never blocks the updates after it.
 */
export async function receiveTelegramUpdate(
  ctx: Ctx,
  settings: TelegramSettings,
  update: TelegramUpdate,
): Promise<ReceivedChatMessage | { kind: 'ignored' }> {
  const message = update.message;
  if (!message || message.chat.type !== 'private' || !message.from || message.from.is_bot)
    return { kind: 'ignored' };
  const text = message.text ?? message.caption;
  if (text === undefined || text.trim() === '') return { kind: 'ignored' };
  const from = message.from;
  const name =
    [from.first_name, from.last_name].filter(Boolean).join(' ').trim() || from.username || String(from.id);
  return receiveChatMessage(ctx, {
    channel: 'telegram',
    sourceUid: `telegram:${settings.bot.id}`,
    sourceName: `Telegram @${settings.bot.username}`,
    chatId: String(message.chat.id),
    messageId: String(message.message_id),
    text,
    sentAt: message.date,
    sender: { id: String(from.id), name, username: from.username ?? null },
  });
}
