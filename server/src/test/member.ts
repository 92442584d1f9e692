import type { InjectOptions } from 'fastify';
import { createApiToken } from '../modules/api-tokens/create-api-token.ts';
import type { TestApp } from './app.ts';
import { buildUser } from './factories.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A non-administrator of the account calling /api/v4 with a long-lived token. */
export async function memberClient(t: TestApp, accountId: number) {
  const user = await buildUser(t.database.db, accountId, { isAdmin: false });
  const { token } = await createApiToken(t.database.db, t.config.secretKey, {
    accountId,
    userId: user.id,
    name: 'member',
    days: 30,
  });
  const headers = { authorization: `Bearer ${token}`, host: 'crm.test' };
  return {
    user,
    call: (method: Method, url: string, payload?: InjectOptions['payload']) =>
      t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) }),
  };
}
