import { PostgresAdapter, type Kysely } from 'kysely';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { maskToken } from '../../integrations/telegram/bot-api.ts';
import { openSecret, sealSecret } from '../../lib/secret-box.ts';

/**
 * The account's Telegram bot, one `channel_settings` row (channel `telegram`): `settings` holds
 * what the admin chose (the token is a secret: never logged, never returned whole), `state` what
 * the channel keeps by itself (the getUpdates offset, the last error, the poller's lease).
 */
export const telegramModes = ['webhook', 'polling'] as const;
export type TelegramMode = (typeof telegramModes)[number];

export const telegramSettingsSchema = z.object({
  /** Sealed with the server's secret key (lib/secret-box.ts); see botTokenOf. */
  token: z.string(),
  /** `123456789:…xyz`, kept beside the sealed token so the Settings screen needs no key. */
  token_hint: z.string().optional(),
  mode: z.enum(telegramModes),
  /** Telegram echoes it in X-Telegram-Bot-Api-Secret-Token on every webhook call. */
  webhook_secret: z.string(),
  bot: z.object({ id: z.number(), username: z.string(), name: z.string() }),
  connected_at: z.number(),
  connected_by: z.number(),
});
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;

export const telegramStateSchema = z.object({
  /** The next update_id to ask getUpdates for (the last processed one + 1). */
  offset: z.number().int().default(0),
  error: z.string().nullable().default(null),
  error_at: z.number().nullable().default(null),
  last_update_at: z.number().nullable().default(null),
  /** One node polls an account at a time: a lease renewed on every pass. */
  lease: z.object({ node: z.string(), until: z.number() }).nullable().default(null),
});
export type TelegramState = z.infer<typeof telegramStateSchema>;

export type TelegramBot = { accountId: number; settings: TelegramSettings; state: TelegramState };

const CHANNEL = 'telegram';

const isSealed = (token: string) => token.startsWith('v1:');

/** The stored form of a bot token: sealed, with its hint beside it. */
export const sealBotToken = (token: string, secretKey: string) => ({
  token: sealSecret(token, secretKey),
  token_hint: maskToken(token),
});

/**
 * The bot token in the clear, for calling the Bot API. A row written before tokens were sealed
 * holds it plain (a bot token never starts with `v1:`), and is read as it is.
 */
export class BotTokenUnreadable extends Error {
  constructor() {
    super('The stored bot token cannot be read (was SECRET_KEY changed?): connect the bot again');
  }
}

export function botTokenOf(settings: TelegramSettings, secretKey: string): string {
  if (!isSealed(settings.token)) return settings.token;
  try {
    return openSecret(settings.token, secretKey);
  } catch {
    throw new BotTokenUnreadable();
  }
}

export const tokenHintOf = (settings: TelegramSettings): string =>
  settings.token_hint ?? (isSealed(settings.token) ? '…' : maskToken(settings.token));

const parseRow = (row: { account_id: number; settings: string; state: string }): TelegramBot | null => {
  const settings = telegramSettingsSchema.safeParse(JSON.parse(row.settings));
  if (!settings.success) return null;
  const state = telegramStateSchema.safeParse(JSON.parse(row.state));
  return {
    accountId: row.account_id,
    settings: settings.data,
    state: state.success ? state.data : telegramStateSchema.parse({}),
  };
};

export async function findTelegramBot(db: Kysely<DB>, accountId: number): Promise<TelegramBot | null> {
  const row = await db
    .selectFrom('channel_settings')
    .select(['account_id', 'settings', 'state'])
    .where('account_id', '=', accountId)
    .where('channel', '=', CHANNEL)
    .executeTakeFirst();
  return row ? parseRow(row) : null;
}

/** The row locked for the rest of the transaction (PostgreSQL; SQLite writes one at a time). */
export async function lockTelegramBot(db: Kysely<DB>, accountId: number): Promise<TelegramBot | null> {
  const query = db
    .selectFrom('channel_settings')
    .select(['account_id', 'settings', 'state'])
    .where('account_id', '=', accountId)
    .where('channel', '=', CHANNEL);
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const row = await (isPg ? query.forUpdate() : query).executeTakeFirst();
  return row ? parseRow(row) : null;
}

/** Every account's bot (a few rows per server: one per account at most). */
export async function listTelegramBots(db: Kysely<DB>): Promise<TelegramBot[]> {
  const rows = await db
    .selectFrom('channel_settings')
    .select(['account_id', 'settings', 'state'])
    .where('channel', '=', CHANNEL)
    .execute();
  return rows.flatMap((r) => {
    const bot = parseRow(r);
    return bot ? [bot] : [];
  });
}

/** Accounts whose bot takes updates by long polling. */
export const listPollingBots = async (db: Kysely<DB>): Promise<TelegramBot[]> =>
  (await listTelegramBots(db)).filter((b) => b.settings.mode === 'polling');

export async function saveTelegramBot(
  db: Kysely<DB>,
  accountId: number,
  settings: TelegramSettings,
  state: TelegramState,
): Promise<void> {
  const row = {
    account_id: accountId,
    channel: CHANNEL,
    settings: JSON.stringify(settings),
    state: JSON.stringify(state),
    updated_at: nowSeconds(),
  };
  await db
    .insertInto('channel_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'channel']).doUpdateSet({
        settings: row.settings,
        state: row.state,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function saveTelegramState(
  db: Kysely<DB>,
  accountId: number,
  state: TelegramState,
): Promise<void> {
  await db
    .updateTable('channel_settings')
    .set({ state: JSON.stringify(state), updated_at: nowSeconds() })
    .where('account_id', '=', accountId)
    .where('channel', '=', CHANNEL)
    .execute();
}

export async function deleteTelegramBot(db: Kysely<DB>, accountId: number): Promise<void> {
  await db
    .deleteFrom('channel_settings')
    .where('account_id', '=', accountId)
    .where('channel', '=', CHANNEL)
    .execute();
}
