import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../lib/passwords.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, sessionCookie } from '../../test/factories.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import { findUser } from './users.repo.ts';

let t: TestApp;
let admin: Client;
beforeEach(async () => {
  t = await buildTestApp();
  admin = await signedInClient(t.app);
});
afterEach(async () => {
  await t.close();
});

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/app/login', payload: { email, password } });

/** Signs a user in and returns a client acting with their session. */
async function clientOf(email: string, password: string) {
  const res = await login(email, password);
  expect(res.statusCode).toBe(200);
  const headers = { cookie: sessionCookie(res), 'x-csrf-token': res.json().csrfToken };
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function createUser(body: Record<string, unknown>) {
  const res = await admin.call('POST', '/api/app/users', {
    name: 'Олег Продажин',
    email: 'oleg@example.com',
    password: 'oleg password',
    lang: 'ru',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: number; email: string; is_admin: boolean; group_id: number | null }>();
}

describe('users in Settings', () => {
  it('an admin creates a user in a group, who then signs in with that password (argon2id)', async () => {
    const group = await admin.call('POST', '/api/app/user-groups', { name: 'Отдел продаж Киев' });
    expect(group.statusCode).toBe(200);
    const user = await createUser({ email: 'Oleg@Example.com', group_id: group.json().id, lang: 'en' });
    expect(user).toMatchObject({ email: 'oleg@example.com', is_admin: false, group_id: group.json().id });
    expect(JSON.stringify(user)).not.toContain('password');

    const row = await findUser(t.database.db, admin.accountId, user.id);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect((await login('oleg@example.com', 'oleg password')).json().user).toMatchObject({
      id: user.id,
      lang: 'en',
      isAdmin: false,
    });

    const list = await admin.call('GET', '/api/app/users');
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain('oleg@example.com');
    const groups = await admin.call('GET', '/api/app/user-groups');
    expect(groups.json().items).toEqual([{ id: group.json().id, name: 'Отдел продаж Киев', users_count: 1 }]);
  });

  it('refuses a taken e-mail, a short password, a foreign group and an unknown role with field errors', async () => {
    await createUser({});
    const dup = await admin.call('POST', '/api/app/users', {
      name: 'X',
      email: 'OLEG@example.com',
      password: 'long enough',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()['validation-errors'][0].errors[0]).toMatchObject({ code: 'NotUnique', path: 'email' });

    const short = await admin.call('POST', '/api/app/users', {
      name: 'X',
      email: 'x@example.com',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toContain('application/problem+json');

    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const foreignGroup = await t.app.inject({
      method: 'POST',
      url: '/api/app/user-groups',
      headers: { authorization: `Bearer ${other.token}` },
      payload: { name: 'Чужой отдел' },
    });
    expect(foreignGroup.statusCode).toBe(200);
    const refs = await admin.call('POST', '/api/app/users', {
      name: 'X',
      email: 'x@example.com',
      password: 'long enough',
      group_id: foreignGroup.json().id,
      role_id: 999,
    });
    expect(refs.statusCode).toBe(400);
    const paths = refs.json()['validation-errors'][0].errors.map((e: { path: string }) => e.path);
    expect(paths.sort()).toEqual(['group_id', 'role_id']);
    // The other account does not see this account's users.
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/app/users',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(theirs.json().items.map((u: { email: string }) => u.email)).toEqual([other.user.email]);
  });

  it('deactivating a user signs them out and stops their login; reactivating lets them in again', async () => {
    const user = await createUser({});
    const asOleg = await clientOf('oleg@example.com', 'oleg password');
    expect((await asOleg('GET', '/api/app/session')).statusCode).toBe(200);

    const off = await admin.call('PATCH', `/api/app/users/${user.id}`, { is_active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().is_active).toBe(false);
    expect((await asOleg('GET', '/api/app/session')).statusCode).toBe(401);
    expect((await login('oleg@example.com', 'oleg password')).statusCode).toBe(401);

    await admin.call('PATCH', `/api/app/users/${user.id}`, { is_active: true });
    expect((await login('oleg@example.com', 'oleg password')).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working and the user is signed out', async () => {
    const user = await createUser({});
    const asOleg = await clientOf('oleg@example.com', 'oleg password');
    const res = await admin.call('POST', `/api/app/users/${user.id}/password`, {
      password: 'brand new secret',
    });
    expect(res.statusCode).toBe(204);
    expect((await asOleg('GET', '/api/app/session')).statusCode).toBe(401);
    expect((await login('oleg@example.com', 'oleg password')).statusCode).toBe(401);
    expect((await login('oleg@example.com', 'brand new secret')).statusCode).toBe(200);
    const row = await findUser(t.database.db, admin.accountId, user.id);
    expect(await verifyPassword(row?.password_hash ?? '', 'brand new secret')).toBe(true);

    // Resetting one's own password keeps the session in use.
    const own = await admin.call('POST', `/api/app/users/${admin.userId}/password`, {
      password: 'admin new secret',
    });
    expect(own.statusCode).toBe(204);
    expect((await admin.call('GET', '/api/app/session')).statusCode).toBe(200);
  });

  it('an admin may not demote or deactivate themselves; another admin may be demoted', async () => {
    const self = await admin.call('PATCH', `/api/app/users/${admin.userId}`, { is_admin: false });
    expect(self.statusCode).toBe(400);
    expect(self.json()['validation-errors'][0].errors[0].path).toBe('is_admin');
    const off = await admin.call('PATCH', `/api/app/users/${admin.userId}`, { is_active: false });
    expect(off.statusCode).toBe(400);

    const second = await createUser({ is_admin: true });
    expect(second.is_admin).toBe(true);
    const demoted = await admin.call('PATCH', `/api/app/users/${second.id}`, {
      is_admin: false,
      name: 'Олег',
    });
    expect(demoted.json()).toMatchObject({ is_admin: false, name: 'Олег' });
  });

  it('non-admins are refused every write (403) but may list colleagues', async () => {
    await createUser({});
    const asOleg = await clientOf('oleg@example.com', 'oleg password');
    expect((await asOleg('GET', '/api/app/users')).statusCode).toBe(200);
    const writes = [
      await asOleg('POST', '/api/app/users', { name: 'Y', email: 'y@example.com', password: 'long enough' }),
      await asOleg('PATCH', `/api/app/users/${admin.userId}`, { is_active: false }),
      await asOleg('POST', `/api/app/users/${admin.userId}/password`, { password: 'hijacked pass' }),
      await asOleg('POST', '/api/app/user-groups', { name: 'Z' }),
    ];
    expect(writes.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(writes[0]?.headers['content-type']).toContain('application/problem+json');
  });

  it('gives a user a role and a department through PATCH /api/app/users, audited, in force at once', async () => {
    const user = await createUser({});
    const asOleg = await clientOf('oleg@example.com', 'oleg password');
    const roles = await admin.call('POST', '/api/v4/roles', [
      { name: 'Менеджер', rights: { leads: { view: 'M', edit: 'M', add: 'A', delete: 'D', export: 'D' } } },
    ]);
    const roleId: number = roles.json()._embedded.roles[0].id;
    const group = (await admin.call('POST', '/api/app/user-groups', { name: 'Отдел продаж' })).json();

    const res = await admin.call('PATCH', `/api/app/users/${user.id}`, {
      role_id: roleId,
      group_id: group.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, role_id: roleId, group_id: group.id });
    // Settings -> Users and Settings -> Roles read the same list.
    const listed = (await admin.call('GET', '/api/app/users')).json().items;
    expect(listed.find((u: { id: number }) => u.id === user.id)).toMatchObject({
      role_id: roleId,
      group_id: group.id,
      is_admin: false,
      is_active: true,
    });
    expect((await asOleg('GET', '/api/app/rights/me')).json().rights.leads.view).toBe('M');

    const audit = (await admin.call('GET', `/api/app/audit?type=role.changed&entity_type=users`)).json();
    expect(audit.items[0]).toMatchObject({ entity_id: user.id, created_by: admin.userId });
    expect(audit.items[0].after).toEqual([
      { role_id: roleId, group_id: group.id, is_admin: false, is_active: true },
    ]);
    // A change of name only is not a change of access.
    await admin.call('PATCH', `/api/app/users/${user.id}`, { name: 'Олег' });
    const again = (await admin.call('GET', `/api/app/audit?type=role.changed&entity_type=users`)).json();
    expect(again.items).toHaveLength(1);
    // The former Roles-page endpoints are gone.
    expect((await admin.call('GET', '/api/app/rights/users')).statusCode).toBe(404);
    expect(
      (await admin.call('PATCH', `/api/app/rights/users/${user.id}`, { role_id: null })).statusCode,
    ).toBe(404);
  });

  it('renames and deletes groups; members fall back to no group; names are unique', async () => {
    const a = (await admin.call('POST', '/api/app/user-groups', { name: 'Киев' })).json();
    const dup = await admin.call('POST', '/api/app/user-groups', { name: 'киев' });
    expect(dup.statusCode).toBe(400);
    const renamed = await admin.call('PATCH', `/api/app/user-groups/${a.id}`, { name: 'Харьков' });
    expect(renamed.json()).toEqual({ id: a.id, name: 'Харьков' });
    const user = await createUser({ group_id: a.id });
    expect((await admin.call('DELETE', `/api/app/user-groups/${a.id}`)).statusCode).toBe(204);
    expect((await admin.call('DELETE', `/api/app/user-groups/${a.id}`)).statusCode).toBe(404);
    const users = (await admin.call('GET', '/api/app/users')).json().items;
    expect(users.find((u: { id: number }) => u.id === user.id).group_id).toBeNull();
  });
});
