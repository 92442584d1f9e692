import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appWebhookDeliveryListSchema, appWebhookListSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobQueue } from '../../jobs/create-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { testDialect } from '../../test/db.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';
import { startWebhooks, type WebhookWorker } from './start-webhooks.ts';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A real HTTP receiver on a free port; `status` decides what it answers. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res
        .writeHead(state.status, { 'content-type': 'text/plain' })
        .end(state.status === 200 ? 'ok' : 'down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/amo-hook`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pg = testDialect() === 'postgres';
let t: TestApp;
let api: ApiClient;
let queue: JobQueue;
let worker: WebhookWorker;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const quiet = { warn: () => {}, error: () => {} };

beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
  queue = createJobQueue(t.database, {
    connectionString: t.database.settings.dialect === 'postgres' ? t.database.settings.url : undefined,
    logger: quiet,
    pollIntervalMs: 50,
  });
  await queue.start();
  worker = await startWebhooks(t.database.db, queue, quiet, {
    pollIntervalMs: 50,
    gapGraceMs: 2000,
    retryLimit: 2,
    // pg-boss counts retry delays in whole seconds.
    retryDelayMs: pg ? 1000 : 200,
    timeoutMs: 2000,
    publicUrl: 'https://crm.example.com',
  });
  receiver = await startReceiver();
});
afterEach(async () => {
  await worker.stop();
  await queue.stop({ graceful: false });
  await receiver.close();
  await t.close();
});

const session = () => ({ cookie: api.admin.cookie, 'x-csrf-token': api.admin.csrf });
const deliveries = async (hookId: number, query = '') =>
  appWebhookDeliveryListSchema.parse(
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/app/webhooks/${hookId}/deliveries${query}`,
        headers: session(),
      })
    ).json(),
  ).items;

describe('webhook deliveries', () => {
  it("posts amoCRM's form-encoded webhooks, signed, for subscribed actions only", async () => {
    const hook = (
      await api.call('POST', '/api/v4/webhooks', {
        destination: receiver.url,
        settings: ['add_lead', 'status_lead', 'update_lead'],
      })
    ).json();
    const pipeline = (await api.call('GET', '/api/v4/leads/pipelines')).json()._embedded.pipelines[0];
    const [first, second] = pipeline._embedded.statuses.filter(
      (s: { type: number; id: number }) => s.type === 0,
    );
    const created = await api.call('POST', '/api/v4/leads', [
      { name: 'Кухня', price: 1500, pipeline_id: pipeline.id, status_id: first.id },
    ]);
    expect(created.statusCode, created.body).toBe(200);
    const dealId = created.json()._embedded.leads[0].id;
    // A note is not subscribed: it sends nothing.
    await api.call('POST', '/api/v4/leads/notes', [
      { entity_id: dealId, note_type: 'common', params: { text: 'x' } },
    ]);

    const added = await until('the add delivery', () => receiver.received[0]);
    expect(added.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const expected = `sha256=${createHmac('sha256', hook.secret).update(added.body).digest('hex')}`;
    expect(added.headers['x-voronka-signature']).toBe(expected);
    const form = new URLSearchParams(added.body);
    expect(form.get('leads[add][0][id]')).toBe(String(dealId));
    expect(form.get('leads[add][0][name]')).toBe('Кухня');
    expect(form.get('leads[add][0][price]')).toBe('1500');
    expect(form.get('leads[add][0][status_id]')).toBe(String(first.id));
    expect(form.get('leads[add][0][pipeline_id]')).toBe(String(pipeline.id));
    expect(form.get('account[id]')).toBe(String(api.accountId));
    expect(form.get('account[subdomain]')).toBeTruthy();
    expect(form.get('account[_links][self]')).toBe('https://crm.example.com');

    const moved = await api.call('PATCH', `/api/v4/leads/${dealId}`, { status_id: second.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const status = await until('the status delivery', () =>
      receiver.received.find((r) => new URLSearchParams(r.body).has('leads[status][0][id]')),
    );
    const statusForm = new URLSearchParams(status.body);
    expect(statusForm.get('leads[status][0][status_id]')).toBe(String(second.id));
    expect(statusForm.get('leads[status][0][old_status_id]')).toBe(String(first.id));
    expect(statusForm.get('leads[update][0][id]')).toBe(String(dealId));

    const log = await until('two logged deliveries', async () => {
      const rows = await deliveries(hook.id);
      return rows.length >= 2 ? rows : undefined;
    });
    expect(log.every((d) => d.status === 'delivered' && d.response_code === 200 && d.attempt === 1)).toBe(
      true,
    );
    expect([...(log[0]?.actions ?? [])].sort()).toEqual(['status_lead', 'update_lead']);
    expect(log[1]?.actions).toEqual(['add_lead']);
    expect(log[1]).toMatchObject({ entity_type: 'leads', entity_id: dealId });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(2);
  });

  it('delivers JSON with the same document and signature when asked', async () => {
    const hook = (
      await api.call('POST', '/api/v4/webhooks', {
        destination: receiver.url,
        settings: ['add_contact', 'add_task'],
        format: 'json',
        secret: 'receiver-shared-secret-123',
      })
    ).json();
    const contact = (
      await api.call('POST', '/api/v4/contacts', [{ first_name: 'Анна', last_name: 'Иванова' }])
    ).json()._embedded.contacts[0];
    const got = await until('the contact delivery', () => receiver.received[0]);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-voronka-signature']).toBe(
      `sha256=${createHmac('sha256', 'receiver-shared-secret-123').update(got.body).digest('hex')}`,
    );
    const doc = JSON.parse(got.body);
    expect(doc.contacts.add[0]).toMatchObject({ id: contact.id, type: 'contact', first_name: 'Анна' });
    expect(doc.account.id).toBe(api.accountId);
    expect(hook.format).toBe('json');
  });

  it('retries with backoff while the receiver is down, then delivers', async () => {
    const hook = (
      await api.call('POST', '/api/v4/webhooks', { destination: receiver.url, settings: ['add_task'] })
    ).json();
    receiver.state.status = 503;
    const till = Math.floor(Date.now() / 1000) + 3600;
    await api.call('POST', '/api/v4/tasks', [{ text: 'Позвонить', complete_till: till }]);
    const failed = await until('a failed attempt', async () => (await deliveries(hook.id))[0]);
    expect(failed).toMatchObject({ status: 'failed', response_code: 503, error: 'HTTP 503', attempt: 1 });
    expect(failed.response_excerpt).toBe('down for maintenance');
    expect(failed.next_retry_at).toBeGreaterThanOrEqual(failed.created_at);
    receiver.state.status = 200;
    const log = await until('the retry that succeeds', async () => {
      const rows = await deliveries(hook.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(log[0]).toMatchObject({ attempt: 2, response_code: 200 });
    expect(log.map((d) => d.status)).toEqual(['delivered', 'failed']);
  });

  it('logs a receiver that does not answer at all, and stops after the last retry', async () => {
    await receiver.close();
    const hook = (
      await api.call('POST', '/api/v4/webhooks', { destination: receiver.url, settings: ['add_task'] })
    ).json();
    await api.call('POST', '/api/v4/tasks', [
      { text: 'x', complete_till: Math.floor(Date.now() / 1000) + 60 },
    ]);
    const log = await until(
      'three failed attempts',
      async () => {
        const rows = await deliveries(hook.id);
        return rows.length >= 3 ? rows : undefined;
      },
      30_000,
    );
    expect(log.map((d) => d.attempt)).toEqual([3, 2, 1]);
    expect(log.every((d) => d.status === 'failed' && d.response_code === null)).toBe(true);
    expect(log[2]?.error).toMatch(/ECONNREFUSED|fetch failed/);
    // The last attempt schedules nothing more.
    expect(log[0]?.next_retry_at).toBeNull();
    expect(log[1]?.next_retry_at).not.toBeNull();
    receiver = await startReceiver(); // for afterEach
  });

  it('disables a subscription at 100 failures in 2 hours and shows why', async () => {
    const hook = (
      await api.call('POST', '/api/v4/webhooks', { destination: receiver.url, settings: ['add_lead'] })
    ).json();
    const now = Math.floor(Date.now() / 1000);
    await t.database.db
      .insertInto('webhook_deliveries')
      .values(
        Array.from({ length: 99 }, () => ({
          account_id: api.accountId,
          webhook_id: hook.id,
          status: 'failed',
          attempts: 1,
          error: 'HTTP 500',
          created_at: now - 600,
        })),
      )
      .execute();
    receiver.state.status = 500;
    await api.call('POST', '/api/v4/leads', [{ name: 'Сотая' }]);
    const shown = await until('the subscription disabled', async () => {
      const items = appWebhookListSchema.parse(
        (await t.app.inject({ method: 'GET', url: '/api/app/webhooks', headers: session() })).json(),
      ).items;
      return items[0]?.status === 'disabled' ? items[0] : undefined;
    });
    expect(shown.disabled_reason).toBe('100 failed deliveries in 2 hours; last: HTTP 500');
    expect(shown.recent_failures).toBe(100);
    const v4 = (await api.call('GET', '/api/v4/webhooks')).json()._embedded.webhooks[0];
    expect(v4).toMatchObject({ disabled: true, disabled_reason: shown.disabled_reason });
    // Nothing more is sent to a disabled subscription, even once the receiver is back.
    receiver.state.status = 200;
    const sent = receiver.received.length;
    await api.call('POST', '/api/v4/leads', [{ name: 'После отключения' }]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.length).toBe(sent);
    // Subscribing again re-enables it.
    const again = await api.call('POST', '/api/v4/webhooks', {
      destination: receiver.url,
      settings: ['add_lead'],
    });
    expect(again.json().disabled).toBe(false);
    await api.call('POST', '/api/v4/leads', [{ name: 'Снова' }]);
    const back = await until('a delivery after re-enabling', () =>
      receiver.received
        .slice(sent)
        .find((r) => new URLSearchParams(r.body).get('leads[add][0][name]') === 'Снова'),
    );
    expect(back).toBeDefined();
  });
});
