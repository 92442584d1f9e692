import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  apiClient,
  countRows,
  eventsOf,
  insertDeal,
  validationErrors,
  type ApiClient,
} from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

async function createCompany(item: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', '/api/v4/companies', [item]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()._embedded.companies[0].id;
}

describe('/api/v4/companies', () => {
  it('creates, reads, updates and lists companies in the amoCRM shape', async () => {
    const manager = await buildUser(t.database.db, api.accountId);
    const res = await api.call('POST', '/api/v4/companies', [
      {
        name: 'ООО «Ромашка»',
        request_id: 'r',
        custom_fields_values: [
          { field_code: 'PHONE', values: [{ value: '8 495 123-45-67' }] },
          { field_code: 'WEB', values: [{ value: 'https://romashka.ru' }] },
        ],
        tags_to_add: [{ name: 'Поставщик' }],
      },
      { name: 'ИП Иванов', responsible_user_id: manager.id },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/companies', 200, res.json());
    const [romashka, ivanov] = res.json()._embedded.companies;
    expect(romashka.request_id).toBe('r');
    expect(ivanov.request_id).toBe('1');

    const got = await api.call('GET', `/api/v4/companies/${romashka.id}`);
    assertMatchesSpec('get', '/api/v4/companies/{id}', 200, got.json());
    expect(got.json()).toMatchObject({
      id: romashka.id,
      name: 'ООО «Ромашка»',
      responsible_user_id: api.userId,
      account_id: api.accountId,
      _embedded: { tags: [expect.objectContaining({ name: 'Поставщик' })] },
    });
    expect(got.json().custom_fields_values.map((v: { field_code: string }) => v.field_code)).toEqual([
      'PHONE',
      'WEB',
    ]);

    const patched = await api.call('PATCH', `/api/v4/companies/${ivanov.id}`, {
      name: 'ИП Иванов И.И.',
      responsible_user_id: api.userId,
    });
    expect(patched.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/companies/{id}', 200, patched.json());
    const batch = await api.call('PATCH', '/api/v4/companies', [
      { id: romashka.id, name: 'АО Ромашка', request_id: 'z' },
    ]);
    assertMatchesSpec('patch', '/api/v4/companies', 200, batch.json());
    expect(batch.json()._embedded.companies[0]).toMatchObject({
      id: romashka.id,
      request_id: 'z',
      updated_at: expect.any(Number),
    });

    const list = await api.call('GET', '/api/v4/companies?order[id]=desc');
    assertMatchesSpec('get', '/api/v4/companies', 200, list.json());
    expect(list.json()._embedded.companies.map((c: { name: string }) => c.name)).toEqual([
      'ИП Иванов И.И.',
      'АО Ромашка',
    ]);
    const byPhone = await api.call(
      'GET',
      `/api/v4/companies?query=${encodeURIComponent('+7 (495) 123 45 67')}`,
    );
    expect(byPhone.json()._embedded.companies.map((c: { id: number }) => c.id)).toEqual([romashka.id]);
    const byName = await api.call('GET', `/api/v4/companies?query=${encodeURIComponent('ромаш')}`);
    expect(byName.json()._embedded.companies.map((c: { id: number }) => c.id)).toEqual([romashka.id]);
    const byResponsible = await api.call(
      'GET',
      `/api/v4/companies?filter[responsible_user_id]=${manager.id}`,
    );
    expect(byResponsible.statusCode).toBe(204);

    const types = (await eventsOf(t.database.db, api.accountId, 'companies', ivanov.id)).map((e) => e.type);
    expect(types).toEqual(['company.created', 'company.name_changed', 'entity.responsible_changed']);
  });

  it('embeds contacts and deals when asked', async () => {
    const companyId = await createCompany({ name: 'Ромашка' });
    const contact = await api.call('POST', '/api/v4/contacts', [
      { name: 'Сотрудник', _embedded: { companies: [{ id: companyId }] } },
    ]);
    const contactId = contact.json()._embedded.contacts[0].id;
    const { dealId } = await insertDeal(t.database.db, api.accountId, { companyId });
    const plain = (await api.call('GET', `/api/v4/companies/${companyId}`)).json();
    expect(plain._embedded).toEqual({ tags: [] });
    const full = await api.call('GET', `/api/v4/companies/${companyId}?with=contacts,leads`);
    assertMatchesSpec('get', '/api/v4/companies/{id}', 200, full.json());
    expect(full.json()._embedded.contacts.map((c: { id: number }) => c.id)).toEqual([contactId]);
    expect(full.json()._embedded.leads.map((c: { id: number }) => c.id)).toEqual([dealId]);
  });

  it('deletes softly and restores; a deleted company leaves its contacts', async () => {
    const companyId = await createCompany({ name: 'Ромашка' });
    const contactId = (
      await api.call('POST', '/api/v4/contacts', [
        { name: 'Сотрудник', _embedded: { companies: [{ id: companyId }] } },
      ])
    ).json()._embedded.contacts[0].id;
    expect((await api.call('DELETE', `/api/v4/companies/${companyId}`)).statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/companies/${companyId}`)).statusCode).toBe(404);
    expect((await api.call('GET', '/api/v4/companies')).statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/contacts/${contactId}`)).json()._embedded.companies).toEqual([]);
    const link = await api.call('PATCH', `/api/v4/contacts/${contactId}`, {
      _embedded: { companies: [{ id: companyId }] },
    });
    expect(link.statusCode).toBe(400);

    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/app/companies/${companyId}/restore`,
      headers: api.headers,
    });
    expect(restored.statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/contacts/${contactId}`)).json()._embedded.companies).toEqual([
      expect.objectContaining({ id: companyId }),
    ]);
    const types = (await eventsOf(t.database.db, api.accountId, 'companies', companyId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['company.deleted', 'company.restored']);
  });

  it("refuses bad input and another account's ids, changing nothing", async () => {
    const other = await api.other();
    const theirs = (await other.call('POST', '/api/v4/companies', [{ name: 'Чужая' }])).json()._embedded
      .companies[0].id;
    const mine = await createCompany({ name: 'Моя' });
    const before = await countRows(t.database.db, 'companies');

    const tooMany = await api.call(
      'POST',
      '/api/v4/companies',
      Array.from({ length: 251 }, (_, i) => ({ name: `c${i}` })),
    );
    expect(tooMany.statusCode).toBe(400);
    const wrongUser = await api.call('POST', '/api/v4/companies', [
      { name: 'a' },
      { name: 'b', responsible_user_id: other.user.id },
    ]);
    expect(validationErrors(wrongUser.json())[0]?.path).toBe('1.responsible_user_id');
    const badValue = await api.call('POST', '/api/v4/companies', [
      { name: 'a', custom_fields_values: [{ field_code: 'WEB', values: [{ value: 'a b' }] }] },
    ]);
    expect(validationErrors(badValue.json())[0]?.path).toBe('0.custom_fields_values.0.values.0.value');
    expect(await countRows(t.database.db, 'companies')).toBe(before);

    expect((await api.call('GET', `/api/v4/companies/${theirs}`)).statusCode).toBe(404);
    expect((await api.call('PATCH', `/api/v4/companies/${theirs}`, { name: 'x' })).statusCode).toBe(404);
    expect((await api.call('DELETE', `/api/v4/companies/${theirs}`)).statusCode).toBe(404);
    expect((await api.call('POST', `/api/app/companies/${theirs}/restore`)).statusCode).toBe(404);
    const batch = await api.call('PATCH', '/api/v4/companies', [
      { id: mine, name: 'Изменена' },
      { id: theirs, name: 'x' },
    ]);
    expect(validationErrors(batch.json())[0]?.path).toBe('1.id');
    expect((await api.call('GET', `/api/v4/companies/${mine}`)).json().name).toBe('Моя');
    expect((await other.call('GET', `/api/v4/companies/${theirs}`)).json().name).toBe('Чужая');
    expect((await other.call('GET', '/api/v4/companies')).json()._embedded.companies).toHaveLength(1);
  });
});
