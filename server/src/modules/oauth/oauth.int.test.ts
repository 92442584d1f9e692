import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { setupAdmin } from '../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function integrationWithCode() {
  const admin = await setupAdmin(t.app);
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/app/integrations',
    headers,
    payload: { name: 'Nova Poshta sync', redirect_uri: 'https://integration.example/callback' },
  });
  expect(created.statusCode).toBe(200);
  const { client_id, client_secret } = created.json();
  const info = await t.app.inject({ url: `/api/app/oauth/client?client_id=${client_id}`, headers });
  expect(info.json()).toEqual({ name: 'Nova Poshta sync', redirect_host: 'integration.example' });
  const grant = await t.app.inject({
    method: 'POST',
    url: '/api/app/oauth/authorize',
    headers,
    payload: { client_id, state: 'xyz' },
  });
  expect(grant.statusCode).toBe(200);
  const redirect = new URL(grant.json().redirect_to);
  expect(redirect.origin + redirect.pathname).toBe('https://integration.example/callback');
  expect(redirect.searchParams.get('state')).toBe('xyz');
  return { admin, client_id, client_secret, code: redirect.searchParams.get('code') ?? '' };
}

const exchange = (payload: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/oauth2/access_token', payload });

describe('OAuth2 as amoCRM does it', () => {
  it('exchanges a code for a JWT access token that reads /api/v4/account', async () => {
    const { admin, client_id, client_secret, code } = await integrationWithCode();
    const res = await exchange({
      client_id,
      client_secret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://integration.example/callback',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(86400);
    const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(86400);

    const account = await t.app.inject({
      url: '/api/v4/account',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(account.statusCode).toBe(200);
    expect(account.json().id).toBe(admin.session.account.id);

    const reuse = await exchange({ client_id, client_secret, grant_type: 'authorization_code', code });
    expect(reuse.statusCode).toBe(400);
  });

  it('accepts a form-encoded token request', async () => {
    const { client_id, client_secret, code } = await integrationWithCode();
    const res = await t.app.inject({
      method: 'POST',
      url: '/oauth2/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        client_id,
        client_secret,
        grant_type: 'authorization_code',
        code,
      }).toString(),
    });
    expect(res.statusCode).toBe(200);
  });

  it('rotates refresh tokens: each is accepted once', async () => {
    const { client_id, client_secret, code } = await integrationWithCode();
    const first = (
      await exchange({ client_id, client_secret, grant_type: 'authorization_code', code })
    ).json();
    const second = await exchange({
      client_id,
      client_secret,
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().refresh_token).not.toBe(first.refresh_token);
    const replay = await exchange({
      client_id,
      client_secret,
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().detail).toMatch(/already used/);
  });

  it('refuses a wrong client secret', async () => {
    const { client_id, code } = await integrationWithCode();
    const res = await exchange({ client_id, client_secret: 'nope', grant_type: 'authorization_code', code });
    expect(res.statusCode).toBe(401);
  });
});
