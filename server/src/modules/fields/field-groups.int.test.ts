import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, type ApiClient } from './api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const base = '/api/v4/leads/custom_fields/groups';

describe('custom field groups', () => {
  it('are created, listed, renamed and deleted; deleting ungroups their fields', async () => {
    expect((await api.call('GET', base)).statusCode).toBe(204);
    const created = await api.call('POST', base, [
      { name: 'Доставка', sort: 5, request_id: 'd' },
      { name: 'Оплата' },
    ]);
    expect(created.statusCode, created.body).toBe(200);
    const body = created.json();
    assertMatchesSpec('post', '/api/v4/{entity_type}/custom_fields/groups', 200, body);
    const [delivery, payment] = body._embedded.custom_field_groups;
    expect(delivery).toMatchObject({ name: 'Доставка', sort: 5, request_id: 'd', is_predefined: false });
    expect(payment.request_id).toBe('1');
    expect(typeof delivery.id).toBe('number');

    const list = await api.call('GET', base);
    assertMatchesSpec('get', '/api/v4/{entity_type}/custom_fields/groups', 200, list.json());
    expect(list.json()._embedded.custom_field_groups.map((g: { name: string }) => g.name)).toEqual([
      'Доставка',
      'Оплата',
    ]);

    const field = (
      await api.call('POST', '/api/v4/leads/custom_fields', [
        { name: 'Адрес доставки', type: 'text', group_id: delivery.id },
      ])
    ).json()._embedded.custom_fields[0];
    expect(field.group_id).toBe(delivery.id);
    // amoCRM clients send group ids as strings too.
    const moved = await api.call('PATCH', `/api/v4/leads/custom_fields/${field.id}`, {
      group_id: String(payment.id),
    });
    expect(moved.json().group_id).toBe(payment.id);

    const renamed = await api.call('PATCH', `${base}/${payment.id}`, { name: 'Расчёты' });
    expect(renamed.statusCode).toBe(200);
    const one = await api.call('GET', `${base}/${payment.id}`);
    assertMatchesSpec('get', '/api/v4/{entity_type}/custom_fields/groups/{id}', 200, one.json());
    expect(one.json()).toMatchObject({ id: payment.id, name: 'Расчёты', entity_type: 'leads' });

    expect((await api.call('DELETE', `${base}/${payment.id}`)).statusCode).toBe(204);
    expect((await api.call('GET', `${base}/${payment.id}`)).statusCode).toBe(404);
    const after = (await api.call('GET', `/api/v4/leads/custom_fields/${field.id}`)).json();
    expect(after.group_id).toBeUndefined();
    expect(after.name).toBe('Адрес доставки');
  });

  it('belong to one entity type and one account', async () => {
    const group = (await api.call('POST', base, [{ name: 'Своя' }])).json()._embedded.custom_field_groups[0];
    expect((await api.call('GET', `/api/v4/contacts/custom_fields/groups/${group.id}`)).statusCode).toBe(404);
    const wrongEntity = await api.call('POST', '/api/v4/contacts/custom_fields', [
      { name: 'x', type: 'text', group_id: group.id },
    ]);
    expect(wrongEntity.statusCode).toBe(400);

    const other = await api.other();
    expect((await other.call('GET', base)).statusCode).toBe(204);
    expect((await other.call('GET', `${base}/${group.id}`)).statusCode).toBe(404);
    expect((await other.call('PATCH', `${base}/${group.id}`, { name: 'Взлом' })).statusCode).toBe(404);
    expect((await other.call('DELETE', `${base}/${group.id}`)).statusCode).toBe(404);
    expect((await api.call('GET', `${base}/${group.id}`)).json().name).toBe('Своя');

    const bad = await api.call('POST', base, [{ name: '' }]);
    expect(bad.statusCode).toBe(400);
    expect((await api.call('GET', base)).json()._embedded.custom_field_groups).toHaveLength(1);
  });
});
