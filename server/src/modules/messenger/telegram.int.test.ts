import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAccountWithToken } from '../../test/factories.ts';
import { addTrigger } from '../automation/automation-api.test-support.ts';
import { waitFor } from '../automation/automation.test-support.ts';
import { mainPipeline, signedInClient, type Client } from '../deals/deals.test-support.ts';
import { salesTeam } from '../policy/rights.test-support.ts';
import { buildMessengerApp, connectBot, type MessengerTestApp } from './messenger.test-support.ts';

let t: MessengerTestApp;
beforeEach(async () => {
  t = await buildMessengerApp();
});
afterEach(async () => {
  await t.close();
});

const ivan = { id: 7001, first_name: 'Иван', last_name: 'Петров', username: 'ivan_p' };
const XSS = '<img src=x onerror=alert(1)><script>alert("x")</script>';

type FeedItem = {
  kind: string;
  direction?: string;
  text?: string;
  status?: string;
  error?: string | null;
  sender?: { name: string; username: string | null } | null;
};

async function feed(c: Client, dealId: number) {
  const res = await c.call('GET', `/api/app/timeline?entity_type=leads&entity_id=${dealId}&kind=message`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: FeedItem[] }>().items;
}

async function inbox(c: Client) {
  const res = await c.call('GET', '/api/app/inbox?status=new');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    items: Array<{
      uid: string;
      category: string;
      payload: { contact: { name: string } | null; message?: string };
      metadata: Record<string, unknown>;
      deal: { id: number } | null;
      contact: { id: number; name: string } | null;
    }>;
  }>().items;
}

/** Posts an update to our webhook the way Telegram does (with the secret_token header). */
async function deliver(token: string, update: unknown, secret?: string) {
  const hook = t.fake.webhookOf(token);
  if (!hook) throw new Error('no webhook set');
  return t.app.inject({
    method: 'POST',
    url: new URL(hook.url).pathname,
    headers: { 'x-telegram-bot-api-secret-token': secret ?? hook.secret },
    payload: update as Record<string, unknown>,
  });
}

describe('Telegram settings', () => {
  it('checks the token with getMe, keeps it out of every answer, and sets the webhook with a secret', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555001, username: 'shop_bot', first_name: 'Shop' });

    const bad = await c.call('PUT', '/api/app/messenger/telegram', {
      token: '555001:AAHwrongwrongwrongwrongwrong',
      mode: 'polling',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('does not accept this bot token');
    const malformed = await c.call('PUT', '/api/app/messenger/telegram', { token: 'hello', mode: 'polling' });
    expect(malformed.statusCode).toBe(400);

    const put = await c.call('PUT', '/api/app/messenger/telegram', { token, mode: 'webhook' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain(token);
    const hook = t.fake.webhookOf(token);
    expect(hook?.url).toBe(`http://crm.test/public/telegram/${c.accountId}`);
    expect(hook?.secret.length).toBeGreaterThanOrEqual(32);
    expect(put.body).not.toContain(hook?.secret);

    const get = await c.call('GET', '/api/app/messenger/telegram');
    expect(get.json()).toMatchObject({
      connected: true,
      mode: 'webhook',
      bot: { id: 555001, username: 'shop_bot' },
      token_hint: `555001:…${token.slice(-4)}`,
      webhook_url: `http://crm.test/public/telegram/${c.accountId}`,
    });
    expect(get.body).not.toContain(token.split(':')[1]);

    // Switching to polling removes the webhook (getUpdates is refused while one is set).
    const poll = await c.call('PUT', '/api/app/messenger/telegram', { mode: 'polling' });
    expect(poll.statusCode, poll.body).toBe(200);
    expect(t.fake.webhookOf(token)).toBeNull();

    const del = await c.call('DELETE', '/api/app/messenger/telegram');
    expect(del.statusCode).toBe(204);
    expect((await c.call('GET', '/api/app/messenger/telegram')).json()).toMatchObject({ connected: false });
  });

  it('stores the token sealed with the server key, and still reads a row written plain before', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555008, username: 'sealed_bot', first_name: 'Sealed' });
    await connectBot(c, token, 'polling');
    const stored = async () =>
      (
        await t.database.db
          .selectFrom('channel_settings')
          .select('settings')
          .where('account_id', '=', c.accountId)
          .where('channel', '=', 'telegram')
          .executeTakeFirstOrThrow()
      ).settings;
    const sealed = await stored();
    expect(sealed).not.toContain(token.split(':')[1]);
    expect(JSON.parse(sealed)).toMatchObject({ token: expect.stringMatching(/^v1:/) });
    // The sealed token is opened for getUpdates.
    t.fake.userWrites(token, ivan, 'Через зашифрованный токен');
    await waitFor(async () => (await inbox(c)).length === 1);

    // A row from before tokens were sealed: the plain token is used as it is and hinted at.
    const plain = { ...JSON.parse(sealed), token };
    delete plain.token_hint;
    await t.database.db
      .updateTable('channel_settings')
      .set({ settings: JSON.stringify(plain) })
      .where('account_id', '=', c.accountId)
      .where('channel', '=', 'telegram')
      .execute();
    expect((await c.call('GET', '/api/app/messenger/telegram')).json()).toMatchObject({
      token_hint: `555008:…${token.slice(-4)}`,
    });
    t.fake.userWrites(token, { id: 7003, first_name: 'Олег' }, 'Через старую запись');
    await waitFor(async () => (await inbox(c)).length === 2);
    // Saving the settings again (mode only) seals the kept token.
    expect((await c.call('PUT', '/api/app/messenger/telegram', { mode: 'polling' })).statusCode).toBe(200);
    expect(await stored()).not.toContain(token.split(':')[1]);
  });

  it('is for administrators only and refuses a bot that another account already uses', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555002, username: 'one_bot', first_name: 'One' });
    await connectBot(c, token, 'polling');
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/app/messenger/telegram',
      headers: { authorization: `Bearer ${other.token}` },
      payload: { token, mode: 'polling' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('already connected to another account');
  });
});

describe('incoming Telegram messages (webhook)', () => {
  it('puts a first message into the inbox; accepted, the chat belongs to the contact and its deal', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555003, username: 'school_bot', first_name: 'School' });
    await connectBot(c, token, 'webhook');
    const first = t.fake.userWrites(token, ivan, `Здравствуйте! ${XSS}`);

    const wrong = await deliver(token, first, 'not-the-secret');
    expect(wrong.statusCode).toBe(401);
    expect(await inbox(c)).toHaveLength(0);

    expect((await deliver(token, first)).statusCode).toBe(200);
    // Telegram delivers again when it did not see our answer: stored once.
    expect((await deliver(token, first)).statusCode).toBe(200);
    const [entry, ...more] = await inbox(c);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      category: 'chats',
      payload: { contact: { name: 'Иван Петров' }, message: `Здравствуйте! ${XSS}` },
      metadata: { from: '@ivan_p', origin: 'telegram' },
      contact: { name: 'Иван Петров' },
    });
    const dealId = entry?.deal?.id ?? 0;
    expect(await feed(c, dealId)).toEqual([
      expect.objectContaining({
        kind: 'message',
        direction: 'in',
        text: `Здравствуйте! ${XSS}`,
        sender: { name: 'Иван Петров', username: 'ivan_p' },
      }),
    ]);

    const main = await mainPipeline(c);
    const accept = await c.call('POST', `/api/app/inbox/${entry?.uid}/accept`, {
      stage_id: main.open[0]?.id,
    });
    expect(accept.statusCode, accept.body).toBe(200);

    // The chat is known now: the next message lands on the same deal and raises "incoming chat".
    await addTrigger(c, main.id, {
      stage_id: main.open[0]?.id,
      when: { kind: 'incoming_chat' },
      action: {
        type: 'send_message',
        params: { text: 'Спасибо, {{contact.name}}! Менеджер ответит скоро.' },
      },
    });
    expect((await deliver(token, t.fake.userWrites(token, ivan, 'Сколько стоит курс?'))).statusCode).toBe(
      200,
    );
    expect(await inbox(c)).toHaveLength(0);
    const sent = await waitFor(async () => t.fake.sent.find((s) => s.text.startsWith('Спасибо')));
    expect(sent).toMatchObject({
      chat_id: String(ivan.id),
      text: 'Спасибо, Иван Петров! Менеджер ответит скоро.',
    });
    const items = await waitFor(async () => {
      const list = await feed(c, dealId);
      return list.some((m) => m.direction === 'out' && m.status === 'sent') ? list : undefined;
    });
    expect(items.map((m) => [m.direction, m.text])).toEqual([
      ['out', 'Спасибо, Иван Петров! Менеджер ответит скоро.'],
      ['in', 'Сколько стоит курс?'],
      ['in', `Здравствуйте! ${XSS}`],
    ]);
  });

  it('lets the manager reply from the deal card; the reply is sent, stored and shown', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555004, username: 'reply_bot', first_name: 'Reply' });
    await connectBot(c, token, 'webhook');
    await deliver(token, t.fake.userWrites(token, ivan, 'Есть размер M?'));
    const dealId = (await inbox(c))[0]?.deal?.id ?? 0;

    const convs = await c.call('GET', `/api/app/conversations?entity_type=leads&entity_id=${dealId}`);
    const [conv] = convs.json<{
      items: Array<{ id: number; channel: string; title: string; can_send: boolean }>;
    }>().items;
    expect(conv).toMatchObject({ channel: 'telegram', title: 'Иван Петров (@ivan_p)', can_send: true });

    const empty = await c.call('POST', `/api/app/conversations/${conv?.id}/messages`, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    const tooLong = await c.call('POST', `/api/app/conversations/${conv?.id}/messages`, {
      text: 'я'.repeat(4097),
    });
    expect(tooLong.statusCode).toBe(400);

    const reply = await c.call('POST', `/api/app/conversations/${conv?.id}/messages`, {
      text: 'Да, есть <b>M</b> & L',
      deal_id: dealId,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'out', status: 'queued', author_user_id: c.userId });
    await waitFor(async () => t.fake.sent.find((s) => s.text === 'Да, есть <b>M</b> & L'));
    const out = await waitFor(async () =>
      (await feed(c, dealId)).find((m) => m.direction === 'out' && m.status === 'sent'),
    );
    expect(out.text).toBe('Да, есть <b>M</b> & L');
    // Plain text: no parse_mode, so Telegram shows the tags as typed, not as markup.
    const call = t.fake.calls.find((x) => x.method === 'sendMessage');
    expect(call?.body).toEqual({ chat_id: String(ivan.id), text: 'Да, есть <b>M</b> & L' });
  });

  it('retries 429 after retry_after and 5xx, and shows a blocked bot (403) as a permanent failure', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555005, username: 'retry_bot', first_name: 'Retry' });
    await connectBot(c, token, 'webhook');
    await deliver(token, t.fake.userWrites(token, ivan, 'Привет'));
    const dealId = (await inbox(c))[0]?.deal?.id ?? 0;
    const convId = (
      await c.call('GET', `/api/app/conversations?entity_type=leads&entity_id=${dealId}`)
    ).json<{ items: Array<{ id: number }> }>().items[0]?.id;

    t.fake.failSends(
      token,
      { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
      { error_code: 502, description: 'Bad Gateway' },
    );
    const startedAt = Date.now();
    await c.call('POST', `/api/app/conversations/${convId}/messages`, { text: 'Первый ответ' });
    await waitFor(async () => t.fake.sent.find((s) => s.text === 'Первый ответ'));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000); // waited retry_after
    const attempts = t.fake.calls.filter((x) => x.method === 'sendMessage' && x.body.text === 'Первый ответ');
    expect(attempts).toHaveLength(3);

    t.fake.failSends(token, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await c.call('POST', `/api/app/conversations/${convId}/messages`, { text: 'Второй ответ' });
    const failed = await waitFor(async () =>
      (await feed(c, dealId)).find((m) => m.text === 'Второй ответ' && m.status === 'failed'),
    );
    expect(failed.error).toContain('bot was blocked by the user');
    // Permanent: tried once, not retried.
    await new Promise((r) => setTimeout(r, 600));
    expect(t.fake.calls.filter((x) => x.body.text === 'Второй ответ')).toHaveLength(1);
  });

  it('keeps accounts apart: webhooks, conversations and replies', async () => {
    const a = await signedInClient(t.app);
    const tokenA = t.fake.addBot({ id: 555006, username: 'a_bot', first_name: 'A' });
    await connectBot(a, tokenA, 'webhook');
    await deliver(tokenA, t.fake.userWrites(tokenA, ivan, 'Для A'));
    const dealA = (await inbox(a))[0]?.deal?.id ?? 0;
    const convA = (await a.call('GET', `/api/app/conversations?entity_type=leads&entity_id=${dealA}`)).json<{
      items: Array<{ id: number }>;
    }>().items[0]?.id;

    const b = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const asB = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${b.token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await asB('GET', `/api/app/conversations?entity_type=leads&entity_id=${dealA}`)).statusCode).toBe(
      404,
    );
    expect((await asB('GET', `/api/app/timeline?entity_type=leads&entity_id=${dealA}`)).statusCode).toBe(404);
    expect(
      (await asB('POST', `/api/app/conversations/${convA}/messages`, { text: 'чужое' })).statusCode,
    ).toBe(404);

    // A's secret does not open B's webhook, and B without a bot has no webhook at all.
    const hookA = t.fake.webhookOf(tokenA);
    const intoB = await t.app.inject({
      method: 'POST',
      url: `/public/telegram/${b.account.id}`,
      headers: { 'x-telegram-bot-api-secret-token': hookA?.secret ?? '' },
      payload: t.fake.userWrites(tokenA, ivan, 'в B?'),
    });
    expect(intoB.statusCode).toBe(401);
    const rowsB = await t.database.db
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', b.account.id)
      .execute();
    expect(rowsB).toHaveLength(0);
  });
});

describe('Telegram chats and access rights', () => {
  it('lets a manager read and answer a chat only on deals they may see and edit', async () => {
    const team = await salesTeam(t);
    const token = t.fake.addBot({ id: 555008, username: 'rights_bot', first_name: 'Rights' });
    await connectBot(team.admin, token, 'webhook');
    await deliver(token, t.fake.userWrites(token, ivan, 'Добрый день'));
    const entry = (await inbox(team.admin))[0];
    const dealId = entry?.deal?.id ?? 0;
    const convs = `/api/app/conversations?entity_type=leads&entity_id=${dealId}`;
    const convId = (await team.admin.call('GET', convs)).json<{ items: Array<{ id: number }> }>().items[0]
      ?.id;
    const main = await mainPipeline(team.admin);
    team.ok(
      await team.admin.call('POST', `/api/app/inbox/${entry?.uid}/accept`, {
        stage_id: main.open[0]?.id,
        user_id: team.mate.userId,
      }),
    );

    // Own deals only: the colleague's chat is out of sight.
    await team.giveRole(team.me, { leads: { view: 'own', edit: 'own' } });
    expect((await team.me.call('GET', convs)).statusCode).toBe(404);
    const hidden = await team.me.call('POST', `/api/app/conversations/${convId}/messages`, {
      text: 'Привет',
    });
    expect(hidden.statusCode).toBe(404);
    // Seeing every deal but editing only one's own: reading yes, answering no.
    await team.giveRole(team.me, { leads: { view: 'all', edit: 'own' } });
    expect((await team.me.call('GET', convs)).statusCode).toBe(200);
    const refused = await team.me.call('POST', `/api/app/conversations/${convId}/messages`, {
      text: 'Привет',
    });
    expect(refused.statusCode).toBe(403);
    expect(t.fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
    // The responsible colleague answers.
    const sent = await team.mate.call('POST', `/api/app/conversations/${convId}/messages`, {
      text: 'Здравствуйте!',
    });
    expect(sent.statusCode, sent.body).toBe(201);
  });
});

describe('incoming Telegram messages (long polling)', () => {
  it('reads updates with getUpdates from a persisted offset: a restart neither loses nor repeats one', async () => {
    const c = await signedInClient(t.app);
    const token = t.fake.addBot({ id: 555007, username: 'poll_bot', first_name: 'Poll' });
    await connectBot(c, token, 'polling');
    t.fake.userWrites(token, ivan, 'Первое');
    t.fake.userWrites(token, { id: 7002, first_name: 'Анна' }, 'Второе');
    await waitFor(async () => (await inbox(c)).length === 2);

    const stateRow = async () => {
      const row = await t.database.db
        .selectFrom('channel_settings')
        .select('state')
        .where('account_id', '=', c.accountId)
        .where('channel', '=', 'telegram')
        .executeTakeFirstOrThrow();
      return JSON.parse(row.state) as { offset: number };
    };
    const offset = await waitFor(async () => ((await stateRow()).offset === 102 ? 102 : undefined));
    expect(offset).toBe(102);

    await t.restartMessenger();
    t.fake.userWrites(token, ivan, 'После перезапуска');
    await waitFor(async () => (await stateRow()).offset === 103);
    const messages = await t.database.db
      .selectFrom('messages')
      .select('text')
      .where('account_id', '=', c.accountId)
      .orderBy('id')
      .execute();
    expect(messages.map((m) => m.text)).toEqual(['Первое', 'Второе', 'После перезапуска']);
    // The known chat's next message went to its deal, not to a new inbox entry.
    expect(await inbox(c)).toHaveLength(2);
    const polls = t.fake.calls.filter((x) => x.method === 'getUpdates').map((x) => x.body.offset);
    expect(polls).toContain(102);
    expect(polls).not.toContain(undefined);
  });
});
