import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('server basics', () => {
  it('answers health and readiness with the dialect', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.json()).toEqual({ ok: true, database: process.env.VORONKA_TEST_DIALECT ?? 'sqlite' });
  });

  it('publishes an OpenAPI document listing the routes', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v4/account', '/oauth2/access_token', '/api/app/login']),
    );
  });

  it('answers unknown routes, malformed JSON and oversized bodies with problem+json', async () => {
    const missing = await t.app.inject({ url: '/api/v4/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().title).toBe('Bad Request');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().status).toBe(413);
  });
});
