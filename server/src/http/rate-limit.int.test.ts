import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { apiClient, type ApiClient } from '../modules/fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp({ API_RATE_LIMIT: '3' });
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

describe('API_RATE_LIMIT on /api/v4', () => {
  it('answers 429 problem+json with Retry-After past the limit, per token, and leaves /api/app alone', async () => {
    for (let i = 0; i < 3; i++) expect((await api.call('GET', '/api/v4/account')).statusCode).toBe(200);
    const limited = await api.call('GET', '/api/v4/account');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.json().detail).toContain('3 requests per minute');
    // Another token has its own budget.
    const other = await api.other();
    expect((await other.call('GET', '/api/v4/account')).statusCode).toBe(200);
    // The web app's own endpoints are not limited.
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/app/task-types',
        headers: { cookie: api.admin.cookie },
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('is off with 0', async () => {
    const open = await buildTestApp({ API_RATE_LIMIT: '0' });
    try {
      const client = await apiClient(open);
      for (let i = 0; i < 6; i++) expect((await client.call('GET', '/api/v4/account')).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });
});
