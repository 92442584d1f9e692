import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser, sessionCookie } from '../../test/factories.ts';
import { signedInClient } from '../deals/deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('Settings -> Account', () => {
  it('an admin changes name, currency, time zone and language; the API and the session show them', async () => {
    const admin = await signedInClient(t.app);
    const res = await admin.call('PATCH', '/api/app/account', {
      name: 'Мебель Х',
      currency: 'uah',
      timezone: 'Europe/Kyiv',
      locale: 'en',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account).toMatchObject({
      name: 'Мебель Х',
      currency: 'UAH',
      timezone: 'Europe/Kyiv',
      locale: 'en',
    });
    const v4 = (await admin.call('GET', '/api/v4/account?with=datetime_settings')).json();
    expect(v4).toMatchObject({ name: 'Мебель Х', currency: 'UAH', currency_symbol: '₴' });
    expect(v4._embedded.datetime_settings.timezone).toBe('Europe/Kyiv');
    expect((await admin.call('GET', '/api/app/session')).json().account.currency).toBe('UAH');
  });

  it('refuses an unknown currency or time zone, naming the field, and changes nothing', async () => {
    const admin = await signedInClient(t.app);
    const res = await admin.call('PATCH', '/api/app/account', { currency: 'XYZ', timezone: 'Mars/Base' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json()['validation-errors'][0].errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(['currency', 'timezone']);
    expect((await admin.call('GET', '/api/app/session')).json().account.currency).toBe('RUB');
    expect((await admin.call('PATCH', '/api/app/account', { currency: 'RUBLES' })).statusCode).toBe(400);
  });

  it('is for administrators only; everyone may read the options', async () => {
    const admin = await signedInClient(t.app);
    await buildUser(t.database.db, admin.accountId, { email: 'member@example.com', password: 'member pass' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: 'member@example.com', password: 'member pass' },
    });
    const headers = { cookie: sessionCookie(login), 'x-csrf-token': login.json().csrfToken };
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/app/account',
      headers,
      payload: { currency: 'USD' },
    });
    expect(res.statusCode).toBe(403);
    const options = await t.app.inject({ method: 'GET', url: '/api/app/account/options', headers });
    expect(options.json().currencies).toContain('UAH');
    expect(options.json().timezones).toContain('Europe/Moscow');
  });
});
