import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, buildUser, setupAdmin } from '../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('long-lived tokens', () => {
  it('authorize /api/v4/account until revoked', async () => {
    const admin = await setupAdmin(t.app);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/app/api-tokens',
      headers,
      payload: { name: 'Zapier', days: 30 },
    });
    expect(created.statusCode).toBe(200);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };

    const account = await t.app.inject({
      url: '/api/v4/account?with=users_groups,datetime_settings',
      headers: { ...bearer, host: 'crm.example.org' },
    });
    expect(account.statusCode).toBe(200);
    expect(account.headers['content-type']).toContain('application/hal+json');
    const body = account.json();
    expect(body.name).toBe('Мебельный салон');
    expect(body.current_user_id).toBe(admin.session.user.id);
    expect(body.status).toBeUndefined();
    expect(body._links.self.href).toBe(
      'http://crm.example.org/api/v4/account?with=users_groups,datetime_settings',
    );
    expect(body._embedded.users_groups[0]).toEqual({ id: 0, name: 'Отдел продаж' });
    expect(body._embedded.datetime_settings.timezone).toBe('Europe/Moscow');
    const listed = await t.app.inject({ url: '/api/app/api-tokens', headers });
    expect(listed.json().items[0].last_used_at).toBeGreaterThan(0);

    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/app/api-tokens/${id}`, headers });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v4/account', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a forged token and a missing one', async () => {
    await setupAdmin(t.app);
    const forged = await t.app.inject({ url: '/api/v4/account', headers: { authorization: 'Bearer a.b.c' } });
    expect(forged.statusCode).toBe(401);
    const none = await t.app.inject({ url: '/api/v4/account' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('are managed by administrators only', async () => {
    const admin = await setupAdmin(t.app);
    const manager = await buildUser(t.database.db, admin.session.account.id);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: manager.email, password: 'manager password' },
    });
    const cookie = `voronka_session=${login.cookies[0]?.value}`;
    const csrf = login.json().csrfToken;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/app/api-tokens',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'x', days: 1 },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('account isolation', () => {
  it("never shows or changes another account's tokens", async () => {
    const admin = await setupAdmin(t.app);
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };

    const list = await t.app.inject({ url: '/api/app/api-tokens', headers });
    expect(list.json().items).toEqual([]);
    const otherId = (await t.database.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow()).id;
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/app/api-tokens/${otherId}`, headers });
    expect(revoke.statusCode).toBe(404);

    const otherAccount = await t.app.inject({
      url: '/api/v4/account',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(otherAccount.statusCode).toBe(200);
    expect(otherAccount.json().id).toBe(other.account.id);
    expect(otherAccount.json().id).not.toBe(admin.session.account.id);
  });
});

describe('reference spec', () => {
  it('GET /api/v4/account matches AccountInfo, and a wrong type would not', async () => {
    const { assertMatchesSpec } = await import('../../test/spec.ts');
    const admin = await setupAdmin(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/app/api-tokens',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { name: 'spec', days: 1 },
    });
    const res = await t.app.inject({
      url: '/api/v4/account?with=users_groups,datetime_settings',
      headers: { authorization: `Bearer ${created.json().token}` },
    });
    const body = res.json();
    assertMatchesSpec('get', '/api/v4/account', 200, body);
    expect(() => assertMatchesSpec('get', '/api/v4/account', 200, { ...body, id: 'not a number' })).toThrow(
      /does not match/,
    );
  });
});
