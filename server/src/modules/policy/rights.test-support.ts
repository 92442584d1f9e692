import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { createApiToken } from '../api-tokens/create-api-token.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Caller = {
  userId: number;
  call: (method: Method, url: string, payload?: InjectOptions['payload']) => Promise<LightMyRequestResponse>;
};

/** A user of the account calling with a long-lived Bearer token (as an integration or the app would). */
async function callerFor(t: TestApp, accountId: number, userId: number): Promise<Caller> {
  const { token } = await createApiToken(t.database.db, t.config.secretKey, {
    accountId,
    userId,
    name: 'test',
    days: 1,
  });
  const headers = { authorization: `Bearer ${token}`, host: 'crm.example.org' };
  return {
    userId,
    call: (method, url, payload) =>
      t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) }),
  };
}

/**
 * A sales team: the administrator, a group "A" with the manager under test (`me`) and a
 * colleague (`mate`), and an `outsider` in group "B". Roles and groups are set through the API.
 */
export async function salesTeam(t: TestApp) {
  const admin: Client = await signedInClient(t.app);
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const group = async (name: string): Promise<number> =>
    ok(await admin.call('POST', '/api/app/rights/groups', { name })).json().id;
  const groupA = await group('Отдел продаж A');
  const groupB = await group('Отдел продаж B');
  const user = async (name: string, groupId: number) => {
    const u = await buildUser(t.database.db, admin.accountId, { name });
    ok(await admin.call('PATCH', `/api/app/users/${u.id}`, { group_id: groupId }));
    return callerFor(t, admin.accountId, u.id);
  };
  const me = await user('Мария Менеджер', groupA);
  const mate = await user('Михаил Коллега', groupA);
  const outsider = await user('Остап Чужой', groupB);

  /** Creates a role with these rights and gives it to the user; returns the role id. */
  async function giveRole(caller: Caller, rights: Record<string, unknown>, name = `Роль ${Math.random()}`) {
    const res = ok(await admin.call('POST', '/api/v4/roles', [{ name, rights }]));
    const roleId: number = res.json()._embedded.roles[0].id;
    ok(await admin.call('PATCH', `/api/app/users/${caller.userId}`, { role_id: roleId }));
    return roleId;
  }
  return { admin, me, mate, outsider, groupA, groupB, giveRole, ok };
}

/** The ids of a list answer (204 is an empty list). */
export function idsOf(res: LightMyRequestResponse, key: string): number[] {
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  const items: Array<{ id: number }> = res.json()._embedded[key];
  return items.map((i) => i.id).sort((a, b) => a - b);
}
