import { z } from 'zod';

/**
 * A minimal Telegram Bot API client (https://core.telegram.org/bots/api): POST
 * `<base>/bot<token>/<method>` with a JSON body, answers `{ ok: true, result }` or
 * `{ ok: false, error_code, description, parameters: { retry_after } }`. The token is part of the
 * URL, so no URL, request or raw fetch error ever leaves this file: errors carry only the method,
 * Telegram's code and description.
 */
export class TelegramError extends Error {
  constructor(
    readonly method: string,
    /** Telegram's error_code (HTTP-like), or 0 when Telegram could not be reached. */
    readonly code: number,
    readonly description: string,
    /** Seconds to wait before the next request (429 Too Many Requests). */
    readonly retryAfter: number | null = null,
  ) {
    super(`Telegram ${method}: ${code ? `${code} ` : ''}${description}`);
    this.name = 'TelegramError';
  }

  /** Worth trying again later: rate limit, Telegram's own failures, no answer at all. */
  get transient(): boolean {
    return this.code === 0 || this.code === 429 || this.code >= 500;
  }
}

export const telegramUserSchema = z.object({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

export const telegramMessageSchema = z.object({
  message_id: z.number(),
  date: z.number(),
  chat: z.object({
    id: z.number(),
    type: z.string(),
    title: z.string().optional(),
    username: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
  }),
  from: telegramUserSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

/** An update as received; kinds other than `message` are passed over (but still acknowledged). */
export const telegramUpdateSchema = z.object({
  update_id: z.number().int(),
  message: telegramMessageSchema.optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;

const failure = z.object({
  ok: z.literal(false),
  error_code: z.number().int(),
  description: z.string().default(''),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});
const success = z.object({ ok: z.literal(true), result: z.unknown() });

export type BotApi = {
  call<T>(method: string, params: Record<string, unknown>, result: z.ZodType<T>): Promise<T>;
  getMe(): Promise<TelegramUser>;
  setWebhook(url: string, secretToken: string): Promise<void>;
  deleteWebhook(): Promise<void>;
  getUpdates(offset: number, timeoutSeconds: number): Promise<TelegramUpdate[]>;
  sendMessage(chatId: string, text: string): Promise<TelegramMessage>;
};

/** A bot's token looks like `123456789:AA...` (the bot id, a colon, 35 url-safe characters). */
export const botTokenSchema = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[\w-]{20,100}$/, 'This does not look like a bot token from @BotFather');

/** `123456789:AA…xyz`: enough to recognise a token, never enough to use it. */
export const maskToken = (token: string): string => {
  const [id = ''] = token.split(':');
  return `${id}:…${token.slice(-4)}`;
};

export function createBotApi(
  baseUrl: string,
  token: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): BotApi {
  const root = `${baseUrl.replace(/\/+$/, '')}/bot${token}/`;
  async function call<T>(method: string, params: Record<string, unknown>, result: z.ZodType<T>, waitMs = 0) {
    const timeout = AbortSignal.timeout((opts.timeoutMs ?? 15_000) + waitMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(root + method, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        redirect: 'error',
        signal,
      });
    } catch (err) {
      // The fetch error may quote the URL (and so the token): keep only its kind.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
      const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
      const why = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : (code ?? 'no answer');
      if (opts.signal?.aborted) throw new TelegramError(method, 0, 'aborted');
      throw new TelegramError(method, 0, `Telegram did not answer (${why})`);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new TelegramError(
        method,
        res.status >= 400 ? res.status : 502,
        `not a Bot API answer (HTTP ${res.status})`,
      );
    }
    const bad = failure.safeParse(body);
    if (bad.success) {
      throw new TelegramError(
        method,
        bad.data.error_code,
        bad.data.description,
        bad.data.parameters?.retry_after ?? null,
      );
    }
    const good = success.safeParse(body);
    if (!good.success) throw new TelegramError(method, 502, `not a Bot API answer (HTTP ${res.status})`);
    const parsed = result.safeParse(good.data.result);
    if (!parsed.success) throw new TelegramError(method, 502, 'unexpected result shape');
    return parsed.data;
  }
  return {
    call: (method, params, result) => call(method, params, result),
    getMe: () => call('getMe', {}, telegramUserSchema),
    setWebhook: async (url, secretToken) => {
      await call(
        'setWebhook',
        { url, secret_token: secretToken, allowed_updates: ['message'], drop_pending_updates: false },
        z.literal(true),
      );
    },
    deleteWebhook: async () => {
      await call('deleteWebhook', { drop_pending_updates: false }, z.literal(true));
    },
    getUpdates: (offset, timeoutSeconds) =>
      call(
        'getUpdates',
        { offset, timeout: timeoutSeconds, allowed_updates: ['message'] },
        // One malformed update must not block the rest: unknown shapes become update_id only.
        z.array(z.unknown()).transform((list) =>
          list.flatMap((u) => {
            const parsed = telegramUpdateSchema.safeParse(u);
            if (parsed.success) return [parsed.data];
            const id = z.object({ update_id: z.number().int() }).safeParse(u);
            return id.success ? [{ update_id: id.data.update_id }] : [];
          }),
        ),
        timeoutSeconds * 1000,
      ),
    sendMessage: (chatId, text) => call('sendMessage', { chat_id: chatId, text }, telegramMessageSchema),
  };
}
