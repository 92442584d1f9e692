import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { sessionCookie, setupAdmin } from '../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('first-run setup', () => {
  it('is required until the first user exists, then refused', async () => {
    expect((await t.app.inject({ url: '/api/app/setup' })).json()).toEqual({ required: true });
    const admin = await setupAdmin(t.app, { accountName: 'Школа английского', locale: 'en' });
    expect(admin.session.user.isAdmin).toBe(true);
    expect(admin.session.account.name).toBe('Школа английского');
    expect(admin.session.account.subdomain).toBe('shkola-angliyskogo');
    expect((await t.app.inject({ url: '/api/app/setup' })).json()).toEqual({ required: false });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/app/setup',
      payload: { accountName: 'X', name: 'Y', email: 'y@example.com', password: 'password1', locale: 'ru' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects bad input with validation errors naming the fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/app/setup',
      payload: { accountName: '', name: 'A', email: 'nope', password: '123', locale: 'de' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    const paths = body['validation-errors'][0].errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['accountName', 'email', 'locale', 'password']);
    expect((await t.app.inject({ url: '/api/app/setup' })).json()).toEqual({ required: true });
  });
});

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and never returns the password hash', async () => {
    const admin = await setupAdmin(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: admin.email.toUpperCase(), password: admin.password },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(res.body).not.toContain('argon2');
    const session = await t.app.inject({ url: '/api/app/session', headers: { cookie: sessionCookie(res) } });
    expect(session.json().user.email).toBe(admin.email);
  });

  it('locks the e-mail after five wrong passwords, even for the right one', async () => {
    const admin = await setupAdmin(t.app);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/app/login', payload: { email: admin.email, password } });
    for (let i = 0; i < 4; i++) {
      const res = await attempt('wrong password');
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Wrong e-mail or password');
    }
    const fifth = await attempt('wrong password');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().detail).toMatch(/locked for 15 min/);
    expect(fifth.json().retry_after).toBe(900);
    const right = await attempt(admin.password);
    expect(right.statusCode).toBe(429);
    expect(right.cookies).toHaveLength(0);
  });

  it('gives the same answer for an unknown e-mail as for a wrong password', async () => {
    await setupAdmin(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: 'nobody@example.com', password: 'whatever1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Wrong e-mail or password');
  });
});

describe('session and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const admin = await setupAdmin(t.app);
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/app/me',
      headers: { cookie: admin.cookie },
      payload: { lang: 'en' },
    });
    expect(without.statusCode).toBe(403);
    const stillRu = await t.app.inject({ url: '/api/app/session', headers: { cookie: admin.cookie } });
    expect(stillRu.json().user.lang).toBe('ru');

    const withToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/app/me',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { lang: 'en' },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().user.lang).toBe('en');
  });

  it('refuses a cross-origin sign-in attempt', async () => {
    const admin = await setupAdmin(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: admin.email, password: admin.password },
    });
    expect(res.statusCode).toBe(403);
  });

  it('logout ends the session on the server', async () => {
    const admin = await setupAdmin(t.app);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/app/logout',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/app/session', headers: { cookie: admin.cookie } });
    expect(after.statusCode).toBe(401);
  });
});

describe('setup races', () => {
  it('lets exactly one of two concurrent setups through', async () => {
    const body = (n: number) => ({
      accountName: `Race ${n}`,
      name: 'Admin',
      email: `race${n}@example.com`,
      password: 'race password',
      locale: 'ru',
    });
    const results = await Promise.all(
      [1, 2].map((n) => t.app.inject({ method: 'POST', url: '/api/app/setup', payload: body(n) })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const users = await t.database.db.selectFrom('users').select('id').execute();
    expect(users).toHaveLength(1);
  });
});

describe('the account made on first start', () => {
  it('takes the name and language chosen at setup', async () => {
    const { ensureDefaultAccount } = await import('../accounts/ensure-default-account.ts');
    const first = await ensureDefaultAccount(t.database.db);
    const admin = await setupAdmin(t.app, { accountName: 'Интернет-магазин', locale: 'en' });
    expect(admin.session.account.id).toBe(first.id);
    expect(admin.session.account.name).toBe('Интернет-магазин');
    expect(admin.session.account.locale).toBe('en');
    const accounts = await t.database.db.selectFrom('accounts').select('id').execute();
    expect(accounts).toHaveLength(1);
  });
});
