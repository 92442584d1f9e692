import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, eventsOf, insertDeal, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const phone = (value: string, enum_code = 'WORK') => ({
  field_code: 'PHONE',
  values: [{ value, enum_code }],
});

async function createContact(item: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', '/api/v4/contacts', [item]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()._embedded.contacts[0].id;
}

describe('GET /api/v4/contacts', () => {
  it('filters, orders and pages', async () => {
    const manager = await buildUser(t.database.db, api.accountId);
    const a = await createContact({ name: 'Анна', created_at: 1_600_000_000 });
    const b = await createContact({
      name: 'Борис',
      created_at: 1_650_000_000,
      responsible_user_id: manager.id,
    });
    const c = await createContact({ name: 'Вера', created_at: 1_700_000_000 });
    const ids = async (qs: string) => {
      const res = await api.call('GET', `/api/v4/contacts?${qs}`);
      if (res.statusCode === 204) return [];
      expect(res.statusCode, res.body).toBe(200);
      assertMatchesSpec('get', '/api/v4/contacts', 200, res.json());
      return res.json()._embedded.contacts.map((x: { id: number }) => x.id);
    };
    expect(await ids('')).toEqual([a, b, c]);
    expect(await ids(`filter[id][]=${a}&filter[id][]=${c}`)).toEqual([a, c]);
    expect(await ids(`filter[id]=${b}`)).toEqual([b]);
    expect(await ids(`filter[name]=${encodeURIComponent('вера')}`)).toEqual([c]);
    expect(await ids('filter[created_at][from]=1650000000')).toEqual([b, c]);
    expect(await ids('filter[created_at][from]=1600000001&filter[created_at][to]=1699999999')).toEqual([b]);
    expect(await ids(`filter[responsible_user_id][]=${manager.id}`)).toEqual([b]);
    expect(await ids('order[id]=desc')).toEqual([c, b, a]);
    expect(await ids('filter[created_at][from]=1800000000')).toEqual([]);

    await api.call('PATCH', `/api/v4/contacts/${a}`, { name: 'Анна 2', updated_at: 1_900_000_000 });
    expect(await ids('order[updated_at]=desc')).toEqual([a, c, b]);
    expect(await ids('order[updated_at]=asc')).toEqual([b, c, a]);
    expect(await ids('filter[updated_at][from]=1900000000')).toEqual([a]);

    const page2 = await api.call('GET', '/api/v4/contacts?limit=2&page=2');
    expect(page2.statusCode).toBe(200);
    const body = page2.json();
    expect(body._page).toBe(2);
    expect(body._embedded.contacts.map((x: { id: number }) => x.id)).toEqual([c]);
    expect(body._links.prev.href).toContain('page=1');
    expect(body._links.next).toBeUndefined();
    const page1 = (await api.call('GET', '/api/v4/contacts?limit=2')).json();
    expect(page1._links.next.href).toContain('page=2');

    const bad = await api.call('GET', '/api/v4/contacts?filter[id][]=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('embeds deals with with=leads, skipping deleted deals', async () => {
    const id = await createContact({ name: 'Клиент' });
    const { dealId } = await insertDeal(t.database.db, api.accountId, { contactIds: [id] });
    await insertDeal(t.database.db, api.accountId, { contactIds: [id], deleted: true });
    const plain = (await api.call('GET', `/api/v4/contacts/${id}`)).json();
    expect(plain._embedded.leads).toBeUndefined();
    const res = await api.call('GET', '/api/v4/contacts?with=leads,catalog_elements');
    const contact = res.json()._embedded.contacts[0];
    assertMatchesSpec('get', '/api/v4/contacts', 200, res.json());
    expect(contact._embedded.leads).toEqual([
      { id: dealId, _links: { self: { href: `http://crm.test/api/v4/leads/${dealId}` } } },
    ]);
    expect(contact._embedded.catalog_elements).toEqual([]);
  });
});

describe('DELETE /api/v4/contacts/{id}', () => {
  it('hides the contact until it is restored, whole', async () => {
    const id = await createContact({
      name: 'Удаляемый',
      custom_fields_values: [phone('+79125550000')],
      _embedded: { tags: [{ name: 'VIP' }] },
    });
    expect((await api.call('DELETE', `/api/v4/contacts/${id}`)).statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/contacts/${id}`)).statusCode).toBe(404);
    expect((await api.call('GET', '/api/v4/contacts')).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v4/contacts?query=79125550000')).statusCode).toBe(204);
    expect((await api.call('PATCH', `/api/v4/contacts/${id}`, { name: 'x' })).statusCode).toBe(404);

    const anonymous = await t.app.inject({ method: 'POST', url: `/api/app/contacts/${id}/restore` });
    expect(anonymous.statusCode).toBe(401);
    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/app/contacts/${id}/restore`,
      headers: api.headers,
    });
    expect(restored.statusCode).toBe(204);
    const back = (await api.call('GET', `/api/v4/contacts/${id}`)).json();
    expect(back.name).toBe('Удаляемый');
    expect(back.custom_fields_values[0].values[0].value).toBe('+79125550000');
    expect(back._embedded.tags).toEqual([expect.objectContaining({ name: 'VIP' })]);
    const types = (await eventsOf(t.database.db, api.accountId, 'contacts', id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['contact.deleted', 'contact.restored']);

    const other = await api.other();
    const theirRestore = await other.call('POST', `/api/app/contacts/${id}/restore`);
    expect(theirRestore.statusCode).toBe(404);
  });
});

describe('account isolation', () => {
  it("never lists or finds the other account's contacts", async () => {
    const other = await api.other();
    await createContact({ name: 'Общее имя', custom_fields_values: [phone('+79120001122')] });
    await other.call('POST', '/api/v4/contacts', [
      { name: 'Общее имя', custom_fields_values: [phone('+79120001122')] },
    ]);
    const mine = (await api.call('GET', '/api/v4/contacts?query=79120001122')).json()._embedded.contacts;
    const theirs = (await other.call('GET', '/api/v4/contacts?query=' + encodeURIComponent('общее'))).json()
      ._embedded.contacts;
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    expect(mine[0].account_id).toBe(api.accountId);
    expect(theirs[0].account_id).toBe(other.account.id);
    expect(mine[0].id).not.toBe(theirs[0].id);
  });
});
