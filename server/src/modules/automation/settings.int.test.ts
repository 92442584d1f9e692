import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import { readAutomationSettings } from './settings.repo.ts';

let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await buildTestApp();
  client = await signedInClient(t.app);
});
afterAll(() => t.close());

const put = (payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/app/automation/settings',
    headers: { cookie: client.admin.cookie, 'x-csrf-token': client.admin.csrf },
    payload,
  });

describe('/api/app/automation/settings', () => {
  it('stores the secrets, never answers them, and keeps them when an update leaves them empty', async () => {
    const full = {
      smtp: {
        host: 'smtp.shop.test',
        port: 587,
        secure: false,
        user: 'shop',
        password: 'smtp-pass',
        from: 'Shop <s@shop.test>',
      },
      sms: {
        url: 'https://sms.test/send',
        method: 'POST',
        body: '{"to":"{{phone}}","text":"{{text}}"}',
        token: 'sms-token',
      },
      ga4: { measurement_id: 'G-1', api_secret: 'ga-secret' },
      schedule: { days: [1, 2, 3], from: '10:00', to: '19:00' },
      away_user_ids: [client.userId],
    };
    const res = await put(full);
    expect(res.statusCode, res.body).toBe(200);
    const answered = (await client.call('GET', '/api/app/automation/settings')).json();
    expect(answered.smtp).toMatchObject({ host: 'smtp.shop.test', has_password: true });
    expect(answered.sms).toMatchObject({ has_token: true });
    expect(answered.ga4).toMatchObject({ measurement_id: 'G-1', has_api_secret: true });
    expect(JSON.stringify(answered)).not.toMatch(/smtp-pass|sms-token|ga-secret/);
    expect(answered.schedule).toEqual({ days: [1, 2, 3], from: '10:00', to: '19:00' });

    // What the settings screen sends back: the answer, secrets empty, one value changed.
    const again = await put({
      ...full,
      smtp: { ...full.smtp, password: '', host: 'smtp2.shop.test' },
      sms: { ...full.sms, token: '' },
      ga4: { measurement_id: 'G-2', api_secret: '' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const stored = await readAutomationSettings(t.database.db, client.accountId);
    expect(stored.smtp).toMatchObject({ host: 'smtp2.shop.test', password: 'smtp-pass' });
    expect(stored.sms?.token).toBe('sms-token');
    expect(stored.ga4).toMatchObject({ measurement_id: 'G-2', api_secret: 'ga-secret' });
  });

  it('asks for the GA4 secret the first time and for valid values, changing nothing', async () => {
    await put({ ga4: null });
    const before = await readAutomationSettings(t.database.db, client.accountId);
    const noSecret = await put({ ga4: { measurement_id: 'G-3', api_secret: '' } });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json()['validation-errors'][0].errors[0].path).toBe('ga4.api_secret');
    const badTime = await put({ schedule: { days: [1], from: '25:00', to: '18:00' } });
    expect(badTime.statusCode).toBe(400);
    expect(await readAutomationSettings(t.database.db, client.accountId)).toEqual(before);
  });
});
