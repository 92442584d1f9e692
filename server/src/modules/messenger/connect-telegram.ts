import { nowSeconds } from '../../db/schema-helpers.ts';
import { createBotApi, TelegramError } from '../../integrations/telegram/bot-api.ts';
import { randomToken } from '../../lib/crypto.ts';
import type { Ctx } from '../context.ts';
import { refuse } from '../pipelines/errors.ts';
import {
  botTokenOf,
  deleteTelegramBot,
  findTelegramBot,
  listTelegramBots,
  saveTelegramBot,
  sealBotToken,
  telegramStateSchema,
  tokenHintOf,
  type TelegramBot,
  type TelegramMode,
} from './telegram-settings.repo.ts';

/** `secretKey` seals the bot token at rest (as mailbox passwords are). */
export type TelegramEnv = { apiUrl: string; publicUrl: string | undefined; secretKey: string };

/** Where Telegram posts this account's updates in webhook mode. */
export const webhookUrl = (publicUrl: string, accountId: number) =>
  `${publicUrl.replace(/\/+$/, '')}/public/telegram/${accountId}`;

/** Telegram's refusal as a 400 on the field it concerns; no answer at all as a 502. */
function refusal(err: unknown, path: string): Error {
  if (!(err instanceof TelegramError)) return err instanceof Error ? err : new Error(String(err));
  if (err.code === 401 || err.code === 404)
    return refuse(
      'Telegram does not accept this bot token (check it with @BotFather)',
      'token',
      'InvalidValue',
    );
  return refuse(`Telegram answered: ${err.description}`, path, 'ChannelError');
}

/**
 * Connects (or reconfigures) the account's Telegram bot: the token is checked with getMe, then
 * Telegram is told where updates go: setWebhook with a fresh secret_token (webhook mode, needs
 * PUBLIC_URL) or deleteWebhook (long polling, which getUpdates refuses while a webhook is set).
 * Without a new token the stored one is kept. A bot already connected to another account is
 * refused: one bot's updates cannot feed two accounts. The polling offset survives a mode change
 * of the same bot, so nothing is read twice.
 */
export async function connectTelegram(
  ctx: Ctx,
  input: { token?: string | undefined; mode: TelegramMode },
  env: TelegramEnv,
): Promise<TelegramBot> {
  const current = await findTelegramBot(ctx.db, ctx.accountId);
  const token = input.token ?? (current ? botTokenOf(current.settings, env.secretKey) : undefined);
  if (!token) throw refuse('Enter the bot token from @BotFather', 'token', 'Required');
  if (input.mode === 'webhook' && !env.publicUrl)
    throw refuse(
      'Webhook mode needs the server public address (PUBLIC_URL, https); choose long polling instead',
      'mode',
      'NotAvailable',
    );
  const api = createBotApi(env.apiUrl, token);
  const me = await api.getMe().catch((err: unknown) => Promise.reject(refusal(err, 'token')));
  const others = (await listTelegramBots(ctx.db)).filter(
    (b) => b.accountId !== ctx.accountId && b.settings.bot.id === me.id,
  );
  if (others.length > 0)
    throw refuse('This bot is already connected to another account', 'token', 'AlreadyUsed');
  const secret = randomToken(32);
  try {
    if (input.mode === 'webhook' && env.publicUrl)
      await api.setWebhook(webhookUrl(env.publicUrl, ctx.accountId), secret);
    else await api.deleteWebhook();
  } catch (err) {
    throw refusal(err, 'mode');
  }
  const sameBot = current?.settings.bot.id === me.id;
  const settings = {
    ...sealBotToken(token, env.secretKey),
    mode: input.mode,
    webhook_secret: secret,
    bot: { id: me.id, username: me.username ?? String(me.id), name: me.first_name },
    connected_at: sameBot && current ? current.settings.connected_at : nowSeconds(),
    connected_by: ctx.userId,
  };
  const state = telegramStateSchema.parse({ offset: sameBot && current ? current.state.offset : 0 });
  await saveTelegramBot(ctx.db, ctx.accountId, settings, state);
  return { accountId: ctx.accountId, settings, state };
}

/** Disconnects the bot (its webhook is removed when Telegram answers); chats stay in the CRM. */
export async function disconnectTelegram(ctx: Ctx, env: TelegramEnv): Promise<void> {
  const current = await findTelegramBot(ctx.db, ctx.accountId);
  if (!current) return;
  if (current.settings.mode === 'webhook') {
    await createBotApi(env.apiUrl, botTokenOf(current.settings, env.secretKey))
      .deleteWebhook()
      .catch(() => undefined); // a revoked token or Telegram down must not keep the bot connected here
  }
  await deleteTelegramBot(ctx.db, ctx.accountId);
}

/** What the Settings screen shows: never the token, only a hint of it. */
export function presentTelegramBot(bot: TelegramBot | null, env: TelegramEnv) {
  if (!bot) return { connected: false as const, public_url_set: Boolean(env.publicUrl) };
  return {
    connected: true as const,
    public_url_set: Boolean(env.publicUrl),
    mode: bot.settings.mode,
    bot: bot.settings.bot,
    token_hint: tokenHintOf(bot.settings),
    webhook_url:
      bot.settings.mode === 'webhook' && env.publicUrl ? webhookUrl(env.publicUrl, bot.accountId) : null,
    connected_at: bot.settings.connected_at,
    last_update_at: bot.state.last_update_at,
    error: bot.state.error,
    error_at: bot.state.error_at,
  };
}
