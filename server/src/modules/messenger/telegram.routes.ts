import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { botTokenSchema, telegramUpdateSchema } from '../../integrations/telegram/bot-api.ts';
import { requireAdmin } from '../../http/auth.ts';
import { sendProblem } from '../../http/error-handler.ts';
import { safeEqual } from '../../lib/crypto.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { ctxOf, type Ctx } from '../context.ts';
import {
  connectTelegram,
  disconnectTelegram,
  presentTelegramBot,
  type TelegramEnv,
} from './connect-telegram.ts';
import { receiveTelegramUpdate } from './receive-telegram-update.ts';
import { findTelegramBot, telegramModes } from './telegram-settings.repo.ts';

const tags = ['App: messengers'];

/**
 * Settings > Messengers > Telegram (admins only; the token goes in and never comes back out), and
 * the webhook Telegram posts updates to, checked by the secret_token header set with setWebhook.
 */
export const telegramRoutes: FastifyPluginAsyncZod = async (app) => {
  const env = (): TelegramEnv => ({
    apiUrl: app.deps.config.telegramApiUrl,
    publicUrl: app.deps.config.publicUrl,
    secretKey: app.deps.config.secretKey,
  });

  app.get('/api/app/messenger/telegram', { schema: { tags } }, async (request) => {
    requireAdmin(request);
    const ctx = ctxOf(app, request);
    return presentTelegramBot(await findTelegramBot(ctx.db, ctx.accountId), env());
  });

  app.put(
    '/api/app/messenger/telegram',
    {
      schema: {
        tags,
        body: z.object({ token: botTokenSchema.optional(), mode: z.enum(telegramModes) }),
      },
    },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const bot = await connectTelegram(ctx, request.body, env());
      app.deps.onMessengerChanged?.(); // a bot switched to polling starts without waiting
      return presentTelegramBot(bot, env());
    },
  );

  app.delete('/api/app/messenger/telegram', { schema: { tags } }, async (request, reply) => {
    requireAdmin(request);
    await disconnectTelegram(ctxOf(app, request), env());
    return reply.code(204).send();
  });

  app.post(
    '/public/telegram/:accountId',
    {
      bodyLimit: 256 * 1024,
      schema: {
        hide: true,
        params: z.object({
          accountId: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 52),
        }),
      },
    },
    async (request, reply) => {
      const { db } = app.deps.database;
      const bot = await findTelegramBot(db, request.params.accountId);
      const sent = request.headers['x-telegram-bot-api-secret-token'];
      if (
        !bot ||
        bot.settings.mode !== 'webhook' ||
        typeof sent !== 'string' ||
        !safeEqual(sent, bot.settings.webhook_secret)
      )
        return sendProblem(reply, 401, 'Unknown bot or wrong secret token');
      const update = telegramUpdateSchema.safeParse(request.body);
      // Something we cannot read is acknowledged: Telegram would otherwise resend it for a day.
      if (!update.success) return reply.code(200).send({ ok: true });
      const account = await findAccount(db, bot.accountId);
      if (!account) return sendProblem(reply, 404, 'Unknown account');
      const ctx: Ctx = { db, account, accountId: account.id, userId: 0, user: null, queue: app.deps.queue };
      // A failure answers 500, so Telegram delivers the update again; a stored message is not stored twice.
      await receiveTelegramUpdate(ctx, bot.settings, update.data);
      return reply.code(200).send({ ok: true });
    },
  );
};
