import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { createBotApi, TelegramError, type TelegramUpdate } from '../../integrations/telegram/bot-api.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import type { MessengerRuntime } from './deliver-message.ts';
import { receiveTelegramUpdate } from './receive-telegram-update.ts';
import {
  BotTokenUnreadable,
  botTokenOf,
  listPollingBots,
  lockTelegramBot,
  saveTelegramState,
  type TelegramBot,
} from './telegram-settings.repo.ts';

/** A poisoned update (one that fails every time) is skipped after this many tries, and logged. */
const MAX_UPDATE_FAILURES = 3;

export type PollingOptions = { scanIntervalMs?: number; backoffMs?: number };

/**
 * Long polling for the accounts whose bot is in polling mode: one loop per account asks
 * getUpdates from the stored offset and processes each update in its own transaction together
 * with moving the offset past it, so a crash or restart neither loses an update (the offset only
 * moves with the update's rows) nor repeats one (its rows and the offset commit together). A lease
 * in the channel's state keeps a second node from polling the same bot (Telegram would answer
 * 409 to both). Returns stop, which aborts the waiting requests.
 */
export function startTelegramPolling(rt: MessengerRuntime, opts: PollingOptions = {}) {
  const node = randomUUID();
  const scanIntervalMs = opts.scanIntervalMs ?? 5_000;
  const backoffMs = opts.backoffMs ?? 5_000;
  const abort = new AbortController();
  const loops = new Map<number, Promise<void>>();
  const failures = new Map<string, number>();
  let stopped = false;

  const noteError = async (accountId: number, message: string) => {
    await rt.db.transaction().execute(async (trx) => {
      const bot = await lockTelegramBot(trx, accountId);
      if (bot)
        await saveTelegramState(trx, accountId, { ...bot.state, error: message, error_at: nowSeconds() });
    });
  };

  /** Takes or renews the lease; null when the bot is gone, left polling, or another node has it. */
  const lease = (accountId: number) =>
    rt.db.transaction().execute(async (trx): Promise<TelegramBot | null> => {
      const bot = await lockTelegramBot(trx, accountId);
      if (!bot || bot.settings.mode !== 'polling') return null;
      const now = nowSeconds();
      if (bot.state.lease && bot.state.lease.node !== node && bot.state.lease.until > now) return null;
      const state = { ...bot.state, lease: { node, until: now + rt.telegramPollTimeout + 60 } };
      await saveTelegramState(trx, accountId, state);
      return { ...bot, state };
    });

  /** Processes one update and moves the offset past it, atomically; false when it failed. */
  const apply = async (ctx: Ctx, update: TelegramUpdate): Promise<boolean> => {
    const key = `${ctx.accountId}:${update.update_id}`;
    try {
      await rt.db.transaction().execute(async (trx) => {
        const bot = await lockTelegramBot(trx, ctx.accountId);
        if (!bot || bot.state.offset > update.update_id) return; // done already (another pass)
        await receiveTelegramUpdate({ ...ctx, db: trx }, bot.settings, update);
        await saveTelegramState(trx, ctx.accountId, {
          ...bot.state,
          offset: update.update_id + 1,
          last_update_at: nowSeconds(),
          error: null,
          error_at: null,
        });
      });
      failures.delete(key);
      return true;
    } catch (err) {
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      rt.log.error({ err, accountId: ctx.accountId, updateId: update.update_id }, 'telegram update failed');
      if (count < MAX_UPDATE_FAILURES) return false;
      failures.delete(key);
      // Skipped for good: move past it so the updates behind it are not blocked forever.
      await rt.db.transaction().execute(async (trx) => {
        const bot = await lockTelegramBot(trx, ctx.accountId);
        if (bot && bot.state.offset <= update.update_id)
          await saveTelegramState(trx, ctx.accountId, {
            ...bot.state,
            offset: update.update_id + 1,
            error: `Update ${update.update_id} could not be processed and was skipped`,
            error_at: nowSeconds(),
          });
      });
      return true;
    }
  };

  const loop = async (accountId: number) => {
    let delay = 0;
    while (!stopped) {
      if (delay > 0) await sleep(delay, undefined, { signal: abort.signal }).catch(() => undefined);
      if (stopped) return;
      const bot = await lease(accountId);
      if (!bot) return;
      const account = await findAccount(rt.db, accountId);
      if (!account) return;
      const ctx: Ctx = { db: rt.db, account, accountId, userId: 0, user: null, queue: rt.queue };
      try {
        const api = createBotApi(rt.telegramApiUrl, botTokenOf(bot.settings, rt.secretKey), {
          signal: abort.signal,
        });
        const updates = await api.getUpdates(bot.state.offset, rt.telegramPollTimeout);
        delay = 0;
        for (const update of updates) {
          if (stopped) return;
          if (!(await apply(ctx, update))) {
            delay = backoffMs;
            break;
          }
        }
      } catch (err) {
        if (stopped) return;
        const known = err instanceof TelegramError || err instanceof BotTokenUnreadable;
        const message = known ? err.message : 'polling failed';
        if (!known) rt.log.error({ err, accountId }, 'telegram polling failed');
        await noteError(accountId, message).catch(() => undefined);
        delay = Math.min(Math.max(delay * 2, backoffMs), 60_000);
      }
    }
  };

  const scan = async () => {
    try {
      for (const bot of await listPollingBots(rt.db)) {
        if (stopped || loops.has(bot.accountId)) continue;
        const running = loop(bot.accountId)
          .catch((err: unknown) =>
            rt.log.error({ err, accountId: bot.accountId }, 'telegram polling stopped'),
          )
          .finally(() => loops.delete(bot.accountId));
        loops.set(bot.accountId, running);
      }
    } catch (err) {
      rt.log.error({ err }, 'telegram polling scan failed');
    }
  };

  const scanning = (async () => {
    while (!stopped) {
      await scan();
      await sleep(scanIntervalMs, undefined, { signal: abort.signal }).catch(() => undefined);
    }
  })();

  return {
    /** Starts polling a bot just switched to polling without waiting for the next scan. */
    wake: () => void scan(),
    stop: async () => {
      stopped = true;
      abort.abort();
      const accounts = [...loops.keys()]; // before the loops end and leave the map
      await scanning;
      await Promise.all(loops.values());
      // Hand the bots over at once: the next process need not wait for the lease to run out.
      for (const accountId of accounts) {
        await rt.db.transaction().execute(async (trx) => {
          const bot = await lockTelegramBot(trx, accountId);
          if (bot?.state.lease?.node === node)
            await saveTelegramState(trx, accountId, { ...bot.state, lease: null });
        });
      }
    },
  };
}
