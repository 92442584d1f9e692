import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.telegram.org for tests: the real URL scheme (`/bot<token>/<method>`),
 * request bodies and answers (`{ ok: true, result }`, `{ ok: false, error_code, description,
 * parameters: { retry_after } }`), webhook vs getUpdates exclusivity (409), offsets that confirm
 * updates, and scripted failures for sendMessage.
 */
export type FakeBot = { id: number; username: string; first_name: string };
export type FakeCall = { token: string; method: string; body: Record<string, unknown> };
export type FakeFailure = { error_code: number; description: string; retry_after?: number };
type Update = { update_id: number; message: Record<string, unknown> };

type BotState = {
  bot: FakeBot;
  webhook: { url: string; secret: string } | null;
  updates: Update[];
  nextUpdateId: number;
  nextMessageId: number;
  sendFailures: FakeFailure[];
};

export async function startFakeBotApi() {
  const bots = new Map<string, BotState>();
  const calls: FakeCall[] = [];
  const sent: Array<{ token: string; chat_id: string; text: string; message_id: number }> = [];
  const waiters = new Set<() => void>();

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, f: FakeFailure) =>
    reply(res, f.error_code, {
      ok: false,
      error_code: f.error_code,
      description: f.description,
      ...(f.retry_after !== undefined ? { parameters: { retry_after: f.retry_after } } : {}),
    });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token = '', method = ''] = match;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(res, { error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    calls.push({ token, method, body });
    const state = bots.get(token);
    if (!state) return fail(res, { error_code: 401, description: 'Unauthorized' });
    switch (method) {
      case 'getMe':
        return reply(res, 200, { ok: true, result: { ...state.bot, is_bot: true } });
      case 'setWebhook':
        if (typeof body.url !== 'string' || body.url === '')
          return fail(res, { error_code: 400, description: 'Bad Request: bad webhook: URL is empty' });
        state.webhook = { url: body.url, secret: String(body.secret_token ?? '') };
        return reply(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      case 'deleteWebhook':
        state.webhook = null;
        return reply(res, 200, { ok: true, result: true, description: 'Webhook was deleted' });
      case 'getUpdates': {
        if (state.webhook)
          return fail(res, {
            error_code: 409,
            description:
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          });
        const offset = Number(body.offset ?? 0);
        // As Telegram does: asking from an offset confirms (forgets) every update before it.
        state.updates = state.updates.filter((u) => u.update_id >= offset);
        if (state.updates.length === 0) {
          const timeoutMs = Math.min(Number(body.timeout ?? 0), 2) * 1000;
          await new Promise<void>((resolve) => {
            const done = () => {
              waiters.delete(done);
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            waiters.add(done);
          });
        }
        return reply(res, 200, { ok: true, result: state.updates.slice(0, 100) });
      }
      case 'sendMessage': {
        const failure = state.sendFailures.shift();
        if (failure) return fail(res, failure);
        const text = String(body.text ?? '');
        if (text === '')
          return fail(res, { error_code: 400, description: 'Bad Request: message text is empty' });
        const message_id = state.nextMessageId++;
        sent.push({ token, chat_id: String(body.chat_id), text, message_id });
        return reply(res, 200, {
          ok: true,
          result: {
            message_id,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(body.chat_id), type: 'private' },
            from: { ...state.bot, is_bot: true },
            text,
          },
        });
      }
      default:
        return fail(res, { error_code: 404, description: 'Not Found: method not found' });
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString()).catch(() => reply(res, 500, { ok: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent,
    /** Registers a bot and returns its token. */
    addBot(bot: FakeBot): string {
      const token = `${bot.id}:AAH${'x'.repeat(20)}${bot.username.replace(/\W/g, '')}`;
      bots.set(token, {
        bot,
        webhook: null,
        updates: [],
        nextUpdateId: 100,
        nextMessageId: 5000,
        sendFailures: [],
      });
      return token;
    },
    webhookOf: (token: string) => bots.get(token)?.webhook ?? null,
    /** The next sendMessage calls of this bot fail like this, in order. */
    failSends(token: string, ...failures: FakeFailure[]) {
      bots.get(token)?.sendFailures.push(...failures);
    },
    /** A private message from a user to the bot; returns the update (queued for getUpdates). */
    userWrites(
      token: string,
      from: { id: number; first_name: string; last_name?: string; username?: string },
      text: string,
      messageId?: number,
    ): Update {
      const state = bots.get(token);
      if (!state) throw new Error('unknown bot');
      const update: Update = {
        update_id: state.nextUpdateId++,
        message: {
          message_id: messageId ?? state.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: from.id, type: 'private', first_name: from.first_name, username: from.username },
          from: { ...from, is_bot: false, language_code: 'ru' },
          text,
        },
      };
      state.updates.push(update);
      for (const wake of [...waiters]) wake();
      return update;
    },
    /** Updates not yet confirmed by a getUpdates offset. */
    pending: (token: string) => bots.get(token)?.updates.length ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...waiters]) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;
