import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

describe('/api/v4/users and /api/v4/roles', () => {
  it('lists users with their rights, role and group, and roles with their users', async () => {
    const db = t.database.db;
    const now = Math.floor(Date.now() / 1000);
    const role = await db
      .insertInto('roles')
      .values({
        account_id: api.accountId,
        name: 'Менеджер',
        rights: JSON.stringify({ leads: { view: 'own', edit: 'own', delete: 'denied' }, mail_access: false }),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const group = await db
      .insertInto('user_groups')
      .values({ account_id: api.accountId, name: 'Киев', created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const manager = await buildUser(db, api.accountId, { name: 'Ольга', roleId: role.id, groupId: group.id });

    const list = await api.call('GET', '/api/v4/users?with=role,group');
    expect(list.statusCode, list.body).toBe(200);
    assertMatchesSpec('get', '/api/v4/users', 200, list.json());
    expect(list.json()).toMatchObject({ _total_items: 2, _page: 1, _page_count: 1 });
    const [admin, olga] = list.json()._embedded.users;
    expect(admin).toMatchObject({ id: api.userId, rights: { is_admin: true, leads: { view: 'A' } } });
    expect(olga).toMatchObject({
      id: manager.id,
      name: 'Ольга',
      rights: {
        is_admin: false,
        is_active: true,
        role_id: role.id,
        group_id: group.id,
        mail_access: false,
        leads: { view: 'M', edit: 'M', delete: 'D', add: 'A' },
      },
      _embedded: { roles: [{ id: role.id, name: 'Менеджер' }], groups: [{ id: group.id, name: 'Киев' }] },
    });

    const one = await api.call('GET', `/api/v4/users/${manager.id}`);
    assertMatchesSpec('get', '/api/v4/users/{id}', 200, one.json());
    expect(one.json().email).toBe(manager.email);
    const paged = await api.call('GET', '/api/v4/users?limit=1&page=2');
    expect(paged.json()._embedded.users.map((u: { id: number }) => u.id)).toEqual([manager.id]);
    expect(paged.json()._links.prev.href).toContain('page=1');

    const roles = await api.call('GET', '/api/v4/roles?with=users');
    assertMatchesSpec('get', '/api/v4/roles', 200, roles.json());
    expect(roles.json()._embedded.roles[0]).toMatchObject({
      id: role.id,
      name: 'Менеджер',
      rights: { leads: { view: 'M' } },
      _embedded: { users: [{ id: manager.id }] },
    });
    const oneRole = await api.call('GET', `/api/v4/roles/${role.id}`);
    assertMatchesSpec('get', '/api/v4/roles/{id}', 200, oneRole.json());
  });

  it("never shows another account's users or roles", async () => {
    const other = await api.other();
    expect((await api.call('GET', `/api/v4/users/${other.user.id}`)).statusCode).toBe(404);
    expect((await api.call('GET', '/api/v4/roles')).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v4/roles/1')).statusCode).toBe(404);
    const users = (await api.call('GET', '/api/v4/users')).json()._embedded.users;
    expect(users.map((u: { id: number }) => u.id)).toEqual([api.userId]);
    expect((await api.call('GET', '/api/v4/users?limit=251')).statusCode).toBe(400);
    expect((await api.call('GET', '/api/v4/users/abc')).statusCode).toBe(400);
  });
});
