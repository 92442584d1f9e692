import { appWebhookDeliveryListSchema, appWebhookListSchema, appWebhookSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { memberClient } from '../../test/member.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, validationErrors, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const hookCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('webhooks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('/api/v4/webhooks', () => {
  it('subscribes, lists, re-subscribes and unsubscribes in the amoCRM shape', async () => {
    expect((await api.call('GET', '/api/v4/webhooks')).statusCode).toBe(204);

    const res = await api.call('POST', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
      settings: ['add_lead', 'status_lead', 'add_lead'],
      sort: 10,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/hal+json');
    assertMatchesSpec('post', '/api/v4/webhooks', 200, res.json());
    const hook = res.json();
    expect(hook).toMatchObject({
      destination: 'https://hooks.example.com/amo',
      settings: ['add_lead', 'status_lead'],
      sort: 10,
      disabled: false,
      format: 'amocrm',
      account_id: api.accountId,
      created_by: api.userId,
    });
    expect(hook.secret).toMatch(/^[\w-]{40,}$/);

    await api.call('POST', '/api/v4/webhooks', {
      destination: 'https://other.example.com/hook',
      settings: ['add_contact'],
      format: 'json',
      secret: 'a-secret-of-the-receiver',
    });
    const list = await api.call('GET', '/api/v4/webhooks');
    assertMatchesSpec('get', '/api/v4/webhooks', 200, list.json());
    expect(list.json()._total_items).toBe(2);
    expect(list.json()._embedded.webhooks.map((w: { destination: string }) => w.destination)).toEqual([
      'https://other.example.com/hook',
      'https://hooks.example.com/amo',
    ]);
    // The list does not repeat the secret.
    expect(list.json()._embedded.webhooks[0].secret).toBeUndefined();
    const filtered = await api.call(
      'GET',
      `/api/v4/webhooks?filter[destination]=${encodeURIComponent('https://hooks.example.com/amo')}`,
    );
    expect(filtered.json()._embedded.webhooks).toHaveLength(1);

    // The same destination again replaces its actions and keeps its id and secret.
    const again = await api.call('POST', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
      settings: ['delete_lead'],
    });
    expect(again.json()).toMatchObject({ id: hook.id, settings: ['delete_lead'], secret: hook.secret });
    expect(await hookCount()).toBe(2);

    const del = await api.call('DELETE', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
    });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect(await hookCount()).toBe(1);
    const missing = await api.call('DELETE', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses bad subscriptions, naming the path, and changes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ destination: 'ftp://x.example.com', settings: ['add_lead'] }, 'destination'],
      [{ destination: 'not a url', settings: ['add_lead'] }, 'destination'],
      [{ destination: 'https://x.example.com', settings: ['add_lead', 'fly_lead'] }, 'settings.1'],
      [{ destination: 'https://x.example.com', settings: [] }, 'settings'],
      [{ destination: 'https://x.example.com' }, 'settings'],
      [{ destination: 'https://x.example.com', settings: ['add_lead'], sort: 'first' }, 'sort'],
      [{ destination: 'https://x.example.com', settings: ['add_lead'], format: 'xml' }, 'format'],
      [{ destination: 'https://x.example.com', settings: ['add_lead'], secret: 'short' }, 'secret'],
    ];
    for (const [body, path] of cases) {
      const res = await api.call('POST', '/api/v4/webhooks', body as Record<string, unknown>);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(validationErrors(res.json()).map((e) => e.path)).toContain(path);
    }
    expect(await hookCount()).toBe(0);
  });

  it('is for administrators of the account only', async () => {
    await api.call('POST', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
      settings: ['add_lead'],
    });
    const member = await memberClient(t, api.accountId);
    expect((await member.call('GET', '/api/v4/webhooks')).statusCode).toBe(403);
    const refused = await member.call('POST', '/api/v4/webhooks', {
      destination: 'https://evil.example.com',
      settings: ['add_lead'],
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await member.call('DELETE', '/api/v4/webhooks', { destination: 'https://hooks.example.com/amo' }))
        .statusCode,
    ).toBe(403);

    const other = await api.other();
    expect((await other.call('GET', '/api/v4/webhooks')).statusCode).toBe(204);
    const foreign = await other.call('DELETE', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
    });
    expect(foreign.statusCode).toBe(404);
    // Another account may subscribe the same URL: subscriptions are per account.
    const theirs = await other.call('POST', '/api/v4/webhooks', {
      destination: 'https://hooks.example.com/amo',
      settings: ['add_contact'],
    });
    expect(theirs.statusCode).toBe(200);
    expect(await hookCount()).toBe(2);
    expect((await api.call('GET', '/api/v4/webhooks')).json()._embedded.webhooks[0].settings).toEqual([
      'add_lead',
    ]);
  });
});

describe('/api/app/webhooks (Settings → Webhooks)', () => {
  const session = () => ({ cookie: api.admin.cookie, 'x-csrf-token': api.admin.csrf });

  it('creates, lists with health, disables, re-enables, rotates the secret and deletes', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/app/webhooks',
      headers: session(),
      payload: { destination: 'http://127.0.0.1:9/hook', settings: ['add_lead'], format: 'json' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const hook = appWebhookSchema.parse(created.json());
    expect(hook).toMatchObject({
      status: 'active',
      format: 'json',
      disabled_reason: null,
      recent_failures: 0,
      last_delivery: null,
    });

    const now = Math.floor(Date.now() / 1000);
    await t.database.db
      .insertInto('webhook_deliveries')
      .values([
        {
          account_id: api.accountId,
          webhook_id: hook.id,
          status: 'failed',
          attempts: 1,
          created_at: now - 8000,
        },
        {
          account_id: api.accountId,
          webhook_id: hook.id,
          event_id: 5,
          actions: 'add_lead',
          entity_type: 'leads',
          entity_id: 7,
          status: 'failed',
          attempts: 2,
          response_code: 503,
          error: 'HTTP 503',
          response_excerpt: 'busy',
          duration_ms: 12,
          next_retry_at: now + 60,
          created_at: now - 10,
        },
        {
          account_id: api.accountId,
          webhook_id: hook.id,
          status: 'delivered',
          attempts: 3,
          response_code: 200,
          created_at: now,
        },
      ])
      .execute();

    const list = await t.app.inject({ method: 'GET', url: '/api/app/webhooks', headers: session() });
    const [shown] = appWebhookListSchema.parse(list.json()).items;
    // The failure older than 2 hours no longer counts.
    expect(shown).toMatchObject({
      id: hook.id,
      recent_failures: 1,
      last_delivery: { status: 'delivered', response_code: 200, created_at: now },
    });

    const page1 = await t.app.inject({
      method: 'GET',
      url: `/api/app/webhooks/${hook.id}/deliveries?limit=2`,
      headers: session(),
    });
    const first = appWebhookDeliveryListSchema.parse(page1.json());
    expect(first.items.map((d) => d.attempt)).toEqual([3, 2]);
    expect(first.items[1]).toMatchObject({
      event_id: 5,
      actions: ['add_lead'],
      entity_type: 'leads',
      entity_id: 7,
      status: 'failed',
      response_code: 503,
      error: 'HTTP 503',
      response_excerpt: 'busy',
      duration_ms: 12,
      next_retry_at: now + 60,
    });
    expect(first.next_before).toBe(first.items[1]?.id);
    const page2 = appWebhookDeliveryListSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/app/webhooks/${hook.id}/deliveries?limit=2&before=${first.next_before}`,
          headers: session(),
        })
      ).json(),
    );
    expect(page2.items.map((d) => d.attempt)).toEqual([1]);
    expect(page2.next_before).toBeNull();
    const failedOnly = appWebhookDeliveryListSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/app/webhooks/${hook.id}/deliveries?status=failed`,
          headers: session(),
        })
      ).json(),
    );
    expect(failedOnly.items.map((d) => d.status)).toEqual(['failed', 'failed']);

    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/app/webhooks/${hook.id}`, headers: session(), payload });
    const disabled = appWebhookSchema.parse((await patch({ status: 'disabled' })).json());
    expect(disabled).toMatchObject({ status: 'disabled', disabled_reason: 'Disabled by an administrator' });
    expect(disabled.disabled_at).toBeGreaterThanOrEqual(now);
    const v4 = (await api.call('GET', '/api/v4/webhooks')).json()._embedded.webhooks[0];
    expect(v4).toMatchObject({ disabled: true, disabled_reason: 'Disabled by an administrator' });

    const enabled = appWebhookSchema.parse(
      (await patch({ status: 'active', settings: ['status_lead'], rotate_secret: true })).json(),
    );
    expect(enabled).toMatchObject({ status: 'active', disabled_reason: null, settings: ['status_lead'] });
    expect(enabled.secret).not.toBe(hook.secret);
    expect((await patch({ settings: ['no_such'] })).statusCode).toBe(400);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/app/webhooks/${hook.id}`,
      headers: session(),
    });
    expect(del.statusCode).toBe(204);
    expect(await hookCount()).toBe(0);
    // Its log goes with it.
    const left = await t.database.db.selectFrom('webhook_deliveries').select('id').execute();
    expect(left).toEqual([]);
  });

  it("never shows or changes another account's subscription", async () => {
    const other = await api.other();
    const theirs = (
      await other.call('POST', '/api/v4/webhooks', {
        destination: 'https://theirs.example.com',
        settings: ['add_lead'],
      })
    ).json();
    const list = await t.app.inject({ method: 'GET', url: '/api/app/webhooks', headers: session() });
    expect(list.json()).toEqual({ items: [] });
    for (const [method, url] of [
      ['GET', `/api/app/webhooks/${theirs.id}/deliveries`],
      ['PATCH', `/api/app/webhooks/${theirs.id}`],
      ['DELETE', `/api/app/webhooks/${theirs.id}`],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: session(),
        ...(method === 'PATCH' ? { payload: { status: 'disabled' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await other.call('GET', '/api/v4/webhooks')).json()._embedded.webhooks[0].disabled).toBe(false);
  });

  it('refuses members', async () => {
    const user = await memberClient(t, api.accountId);
    expect((await user.call('GET', '/api/app/webhooks')).statusCode).toBe(403);
    const refused = await user.call('POST', '/api/app/webhooks', {
      destination: 'https://x.example.com',
      settings: ['add_lead'],
    });
    expect(refused.statusCode).toBe(403);
    expect(await hookCount()).toBe(0);
  });
});
