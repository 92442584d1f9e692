import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, countRows, eventsOf, validationErrors, type ApiClient } from '../fields/api-test-kit.ts';

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

async function createCompany(name = 'ООО Ромашка'): Promise<number> {
  const res = await api.call('POST', '/api/v4/companies', [{ name }]);
  expect(res.statusCode).toBe(200);
  return res.json()._embedded.companies[0].id;
}

async function createContact(item: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', '/api/v4/contacts', [item]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()._embedded.contacts[0].id;
}

describe('POST /api/v4/contacts', () => {
  it('creates a batch, echoes request ids and reads back in the amoCRM shape', async () => {
    const manager = await buildUser(t.database.db, api.accountId);
    const companyId = await createCompany();
    const res = await api.call('POST', '/api/v4/contacts', [
      {
        request_id: 'a',
        name: 'Иван Петров',
        first_name: 'Иван',
        last_name: 'Петров',
        responsible_user_id: manager.id,
        custom_fields_values: [
          phone('+7 912 345-67-89', 'MOB'),
          { field_code: 'EMAIL', values: [{ value: 'Ivan@Example.com', enum_code: 'PRIV' }] },
        ],
        _embedded: { tags: [{ name: 'VIP' }], companies: [{ id: companyId }] },
      },
      { first_name: 'Мария', last_name: 'Сидорова' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/hal+json');
    const body = res.json();
    assertMatchesSpec('post', '/api/v4/contacts', 200, body);
    const [first, second] = body._embedded.contacts;
    expect(first.request_id).toBe('a');
    expect(second.request_id).toBe('1');
    expect(first._links.self.href).toBe(`http://crm.test/api/v4/contacts/${first.id}`);

    const got = await api.call('GET', `/api/v4/contacts/${first.id}`);
    expect(got.statusCode).toBe(200);
    const contact = got.json();
    assertMatchesSpec('get', '/api/v4/contacts/{id}', 200, contact);
    expect(contact).toMatchObject({
      id: first.id,
      name: 'Иван Петров',
      first_name: 'Иван',
      last_name: 'Петров',
      responsible_user_id: manager.id,
      created_by: api.userId,
      account_id: api.accountId,
      _embedded: {
        tags: [{ name: 'VIP' }],
        companies: [
          { id: companyId, _links: { self: { href: `http://crm.test/api/v4/companies/${companyId}` } } },
        ],
      },
    });
    expect(contact.custom_fields_values).toEqual([
      expect.objectContaining({
        field_code: 'PHONE',
        field_type: 'multitext',
        values: [{ value: '+7 912 345-67-89', enum_id: expect.any(Number), enum_code: 'MOB' }],
      }),
      expect.objectContaining({
        field_code: 'EMAIL',
        values: [expect.objectContaining({ value: 'Ivan@Example.com', enum_code: 'PRIV' })],
      }),
    ]);

    const maria = (await api.call('GET', `/api/v4/contacts/${second.id}`)).json();
    expect(maria.name).toBe('Мария Сидорова');
    expect(maria.responsible_user_id).toBe(api.userId);
    expect(maria.custom_fields_values).toBeNull();
    expect(maria._embedded).toEqual({ tags: [], companies: [] });

    const events = await eventsOf(t.database.db, api.accountId, 'contacts', first.id);
    expect(events.map((e) => e.type)).toEqual([
      'contact.created',
      'entity.linked',
      'entity.field_changed',
      'entity.field_changed',
      'entity.tag_added',
    ]);
    expect(events.every((e) => e.created_by === api.userId)).toBe(true);
    const companyEvents = await eventsOf(t.database.db, api.accountId, 'companies', companyId);
    expect(companyEvents.at(-1)).toMatchObject({
      type: 'entity.linked',
      after: [{ link: { entity: { id: first.id, type: 'contacts' } } }],
    });
  });

  it('refuses 251 items, wrong types and foreign references, creating nothing', async () => {
    const other = await api.other();
    const tooMany = await api.call(
      'POST',
      '/api/v4/contacts',
      Array.from({ length: 251 }, (_, i) => ({ name: `c${i}` })),
    );
    expect(tooMany.statusCode).toBe(400);

    const wrongType = await api.call('POST', '/api/v4/contacts', [{ name: 'ok' }, { name: 5 }]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    expect(validationErrors(wrongType.json()).map((e) => e.path)).toEqual(['1.name']);

    const foreignUser = await api.call('POST', '/api/v4/contacts', [
      { name: 'ok' },
      { name: 'x', responsible_user_id: other.user.id },
    ]);
    expect(foreignUser.statusCode).toBe(400);
    expect(validationErrors(foreignUser.json())).toEqual([
      expect.objectContaining({ code: 'NotFound', path: '1.responsible_user_id' }),
    ]);

    const otherCompany = await other.call('POST', '/api/v4/companies', [{ name: 'Чужая' }]);
    const otherCompanyId = otherCompany.json()._embedded.companies[0].id;
    const foreignCompany = await api.call('POST', '/api/v4/contacts', [
      { name: 'x', _embedded: { companies: [{ id: otherCompanyId }] } },
    ]);
    expect(foreignCompany.statusCode).toBe(400);
    expect(validationErrors(foreignCompany.json())[0]?.path).toBe('0._embedded.companies.0.id');

    const unknownField = await api.call('POST', '/api/v4/contacts', [
      { name: 'ok', custom_fields_values: [phone('+79120000000')] },
      { name: 'y', custom_fields_values: [{ field_id: 999999, values: [{ value: 'x' }] }] },
    ]);
    expect(unknownField.statusCode).toBe(400);
    expect(validationErrors(unknownField.json())[0]).toMatchObject({
      code: 'NotFound',
      path: '1.custom_fields_values.0.field_id',
    });

    const db = t.database.db;
    const mine = await db
      .selectFrom('contacts')
      .select('id')
      .where('account_id', '=', api.accountId)
      .execute();
    expect(mine).toEqual([]);
    expect(await countRows(db, 'field_values')).toBe(0);
    const events = await db
      .selectFrom('events')
      .select('type')
      .where('account_id', '=', api.accountId)
      .execute();
    expect(events.filter((e) => e.type.startsWith('contact.'))).toEqual([]);
  });
});

describe('PATCH /api/v4/contacts', () => {
  it('updates one contact, recording name and responsible changes', async () => {
    const manager = await buildUser(t.database.db, api.accountId);
    const id = await createContact({ first_name: 'Иван', last_name: 'Петров' });
    const res = await api.call('PATCH', `/api/v4/contacts/${id}`, {
      name: 'Иван Иванович',
      responsible_user_id: manager.id,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('patch', '/api/v4/contacts/{id}', 200, body);
    expect(body).toMatchObject({
      id,
      updated_at: expect.any(Number),
      _links: { self: { href: `http://crm.test/api/v4/contacts/${id}` } },
    });
    const got = (await api.call('GET', `/api/v4/contacts/${id}`)).json();
    expect(got).toMatchObject({
      name: 'Иван Иванович',
      responsible_user_id: manager.id,
      updated_by: api.userId,
    });

    const events = await eventsOf(t.database.db, api.accountId, 'contacts', id);
    expect(events.find((e) => e.type === 'contact.name_changed')).toMatchObject({
      before: [{ name_field_value: { name: 'Иван Петров' } }],
      after: [{ name_field_value: { name: 'Иван Иванович' } }],
    });
    expect(events.find((e) => e.type === 'entity.responsible_changed')).toMatchObject({
      before: [{ responsible_user: { id: api.userId } }],
      after: [{ responsible_user: { id: manager.id } }],
    });

    await api.call('PATCH', `/api/v4/contacts/${id}`, { last_name: 'Сидоров' });
    expect((await api.call('GET', `/api/v4/contacts/${id}`)).json().name).toBe('Иван Сидоров');
  });

  it('updates a batch: tags, company link and field values, echoing request ids', async () => {
    const companyId = await createCompany();
    const a = await createContact({
      name: 'A',
      _embedded: { tags: [{ name: 'VIP' }, { name: 'Опт' }], companies: [{ id: companyId }] },
    });
    const b = await createContact({
      name: 'B',
      custom_fields_values: [{ field_code: 'EMAIL', values: [{ value: 'b@example.com' }] }],
    });
    const res = await api.call('PATCH', '/api/v4/contacts', [
      { id: a, tags_to_delete: [{ name: 'vip' }], _embedded: { companies: [] } },
      {
        id: b,
        request_id: 'x',
        custom_fields_values: [{ field_code: 'EMAIL', values: null }],
        tags_to_add: [{ name: 'Новый' }],
      },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('patch', '/api/v4/contacts', 200, body);
    expect(
      body._embedded.contacts.map((c: { id: number; request_id: string }) => [c.id, c.request_id]),
    ).toEqual([
      [a, '0'],
      [b, 'x'],
    ]);
    const gotA = (await api.call('GET', `/api/v4/contacts/${a}`)).json();
    expect(gotA._embedded).toEqual({ tags: [expect.objectContaining({ name: 'Опт' })], companies: [] });
    const gotB = (await api.call('GET', `/api/v4/contacts/${b}`)).json();
    expect(gotB.custom_fields_values).toBeNull();
    expect(gotB._embedded.tags).toEqual([expect.objectContaining({ name: 'Новый' })]);
    const types = (await eventsOf(t.database.db, api.accountId, 'contacts', a)).map((e) => e.type);
    expect(types).toContain('entity.tag_removed');
    expect(types).toContain('entity.unlinked');

    const cleared = await api.call('PATCH', `/api/v4/contacts/${a}`, { _embedded: { tags: null } });
    expect(cleared.statusCode).toBe(200);
    expect((await api.call('GET', `/api/v4/contacts/${a}`)).json()._embedded.tags).toEqual([]);
  });

  it("refuses another account's ids and bad items, changing nothing", async () => {
    const other = await api.other();
    const theirs = (await other.call('POST', '/api/v4/contacts', [{ name: 'Чужой' }])).json()._embedded
      .contacts[0].id;
    const mine = await createContact({ name: 'Мой' });

    expect((await api.call('GET', `/api/v4/contacts/${theirs}`)).statusCode).toBe(404);
    expect((await api.call('PATCH', `/api/v4/contacts/${theirs}`, { name: 'x' })).statusCode).toBe(404);
    expect((await api.call('DELETE', `/api/v4/contacts/${theirs}`)).statusCode).toBe(404);

    const batch = await api.call('PATCH', '/api/v4/contacts', [
      { id: mine, name: 'Изменён' },
      { id: theirs, name: 'Взломан' },
    ]);
    expect(batch.statusCode).toBe(400);
    expect(validationErrors(batch.json())).toEqual([
      expect.objectContaining({ code: 'NotFound', path: '1.id' }),
    ]);

    const badTag = await api.call('PATCH', '/api/v4/contacts', [
      { id: mine, name: 'Изменён' },
      { id: mine, tags_to_add: [{ id: 424242 }] },
    ]);
    expect(badTag.statusCode).toBe(400);
    expect(validationErrors(badTag.json())[0]?.path).toBe('1.tags_to_add.0.id');

    const badValue = await api.call('PATCH', `/api/v4/contacts/${mine}`, {
      name: 'Изменён',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+79120000000', enum_code: 'NOPE' }] }],
    });
    expect(badValue.statusCode).toBe(400);
    expect(validationErrors(badValue.json())[0]?.path).toBe('custom_fields_values.0.values.0.enum_code');

    expect((await api.call('GET', `/api/v4/contacts/${mine}`)).json().name).toBe('Мой');
    expect((await other.call('GET', `/api/v4/contacts/${theirs}`)).json().name).toBe('Чужой');
    expect(await countRows(t.database.db, 'field_values')).toBe(0);
  });
});
