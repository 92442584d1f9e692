import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
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

describe('GET /api/v4/account', () => {
  it('answers every with= the spec describes', async () => {
    const now = Math.floor(Date.now() / 1000);
    await t.database.db
      .insertInto('user_groups')
      .values({ account_id: api.accountId, name: 'Опт', created_at: now })
      .execute();
    const res = await api.call(
      'GET',
      '/api/v4/account?with=users_groups,task_types,datetime_settings,amojo_rights,amojo_id,uuid,version,drive_url',
    );
    expect(res.statusCode, res.body).toBe(200);
    assertMatchesSpec('get', '/api/v4/account', 200, res.json());
    const body = res.json();
    expect(body).toMatchObject({ id: api.accountId, current_user_id: api.userId, version: 1 });
    expect(typeof body.uuid).toBe('string');
    expect(typeof body.amojo_id).toBe('string');
    expect(body.drive_url).toBe('http://crm.test/api/v4');
    expect(body._embedded.users_groups.map((g: { name: string }) => g.name)).toEqual(['Отдел продаж', 'Опт']);
    expect(body._embedded.task_types.map((x: { id: number }) => x.id)).toEqual([1, 2]);
    expect(body._embedded.task_types[0]).toMatchObject({ code: 'FOLLOW_UP', name: 'Связаться' });
    expect(body._embedded.datetime_settings).toMatchObject({ timezone: expect.any(String) });
    expect(body._embedded.amojo_rights).toEqual({ can_direct: false, can_create_groups: false });
    expect('status' in body).toBe(false);

    const bare = (await api.call('GET', '/api/v4/account')).json();
    expect(bare._embedded).toEqual({});
    expect('uuid' in bare).toBe(false);
  });
});
