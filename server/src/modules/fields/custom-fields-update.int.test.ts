import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { apiClient, validationErrors, type ApiClient } from './api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const selectField = {
  name: 'Источник',
  type: 'select',
  code: 'SOURCE',
  enums: [
    { value: 'Сайт', sort: 1 },
    { value: 'Звонок', sort: 2, code: 'CALL' },
  ],
};

async function createField(entity: string, item: Record<string, unknown>) {
  const res = await api.call('POST', `/api/v4/${entity}/custom_fields`, [item]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()._embedded.custom_fields[0];
}

describe('PATCH and DELETE /api/v4/{entity}/custom_fields', () => {
  it('renames options, adds and drops them, keeping values consistent', async () => {
    const field = await createField('contacts', selectField);
    const [site, call] = (await api.call('GET', `/api/v4/contacts/custom_fields/${field.id}`)).json().enums;
    const contactRes = await api.call('POST', '/api/v4/contacts', [
      { name: 'С сайта', custom_fields_values: [{ field_id: field.id, values: [{ enum_id: site.id }] }] },
      { name: 'Звонивший', custom_fields_values: [{ field_id: field.id, values: [{ enum_id: call.id }] }] },
    ]);
    const [fromSite, caller] = contactRes.json()._embedded.contacts.map((c: { id: number }) => c.id);

    const res = await api.call('PATCH', '/api/v4/contacts/custom_fields', [
      {
        id: field.id,
        name: 'Канал',
        enums: [
          { id: site.id, value: 'Веб-сайт', sort: 1 },
          { value: 'Выставка', sort: 3 },
        ],
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()._embedded.custom_fields[0]).toMatchObject({
      id: field.id,
      name: 'Канал',
      request_id: '0',
    });
    const got = (await api.call('GET', `/api/v4/contacts/custom_fields/${field.id}`)).json();
    expect(got.enums.map((e: { value: string }) => e.value)).toEqual(['Веб-сайт', 'Выставка']);

    const siteContact = (await api.call('GET', `/api/v4/contacts/${fromSite}`)).json();
    expect(siteContact.custom_fields_values[0]).toMatchObject({
      field_name: 'Канал',
      values: [{ value: 'Веб-сайт', enum_id: site.id }],
    });
    expect((await api.call('GET', `/api/v4/contacts/${caller}`)).json().custom_fields_values).toBeNull();
    expect(
      (await api.call('GET', `/api/v4/contacts?query=${encodeURIComponent('веб-сайт')}`)).json()._embedded
        .contacts,
    ).toHaveLength(1);
  });

  it('refuses a type change, unknown ids and foreign options, changing nothing', async () => {
    const field = await createField('contacts', selectField);
    const other = await api.other();
    const theirs = (
      await other.call('POST', '/api/v4/contacts/custom_fields', [{ name: 'Их', type: 'text' }])
    ).json()._embedded.custom_fields[0].id;

    const retype = await api.call('PATCH', `/api/v4/contacts/custom_fields/${field.id}`, {
      type: 'text',
      name: 'Новое',
    });
    expect(validationErrors(retype.json())[0]).toMatchObject({ code: 'NotChangeable', path: 'type' });
    const batch = await api.call('PATCH', '/api/v4/contacts/custom_fields', [
      { id: field.id, name: 'Новое' },
      { id: theirs, name: 'Взлом' },
    ]);
    expect(batch.statusCode).toBe(400);
    expect(validationErrors(batch.json())[0]?.path).toBe('1.id');
    const foreignEnum = await api.call('PATCH', `/api/v4/contacts/custom_fields/${field.id}`, {
      enums: [{ id: 999999, value: 'x' }],
    });
    expect(validationErrors(foreignEnum.json())[0]?.path).toBe('enums.0.id');
    expect(
      (await api.call('PATCH', `/api/v4/contacts/custom_fields/${theirs}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect((await api.call('GET', `/api/v4/contacts/custom_fields/${theirs}`)).statusCode).toBe(404);
    expect((await api.call('DELETE', `/api/v4/contacts/custom_fields/${theirs}`)).statusCode).toBe(404);
    expect((await api.call('GET', `/api/v4/leads/custom_fields/${field.id}`)).statusCode).toBe(404);

    const got = (await api.call('GET', `/api/v4/contacts/custom_fields/${field.id}`)).json();
    expect(got).toMatchObject({ name: 'Источник', type: 'select' });
    expect(got.enums).toHaveLength(2);
    expect((await other.call('GET', `/api/v4/contacts/custom_fields/${theirs}`)).json().name).toBe('Их');
  });

  it('deletes a field: gone from lists and from entities, its code free again', async () => {
    const field = await createField('contacts', { name: 'Хобби', type: 'text', code: 'HOBBY' });
    const contactId = (
      await api.call('POST', '/api/v4/contacts', [
        { name: 'X', custom_fields_values: [{ field_id: field.id, values: [{ value: 'Шахматы' }] }] },
      ])
    ).json()._embedded.contacts[0].id;
    expect((await api.call('DELETE', `/api/v4/contacts/custom_fields/${field.id}`)).statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/contacts/custom_fields/${field.id}`)).statusCode).toBe(404);
    expect((await api.call('GET', `/api/v4/contacts/${contactId}`)).json().custom_fields_values).toBeNull();
    const write = await api.call('PATCH', `/api/v4/contacts/${contactId}`, {
      custom_fields_values: [{ field_id: field.id, values: [{ value: 'x' }] }],
    });
    expect(write.statusCode).toBe(400);
    await createField('contacts', { name: 'Хобби 2', type: 'text', code: 'HOBBY' });
  });
});

describe('account isolation', () => {
  it("another account never sees this account's fields", async () => {
    await createField('leads', selectField);
    const other = await api.other();
    expect((await other.call('GET', '/api/v4/leads/custom_fields')).statusCode).toBe(204);
    const theirContacts = (await other.call('GET', '/api/v4/contacts/custom_fields')).json()._embedded
      .custom_fields;
    const mine = (await api.call('GET', '/api/v4/contacts/custom_fields')).json()._embedded.custom_fields;
    expect(theirContacts.map((f: { code: string }) => f.code)).toEqual(
      mine.map((f: { code: string }) => f.code),
    );
    expect(theirContacts.every((f: { account_id: number }) => f.account_id === other.account.id)).toBe(true);
    expect(new Set([...theirContacts, ...mine].map((f: { id: number }) => f.id)).size).toBe(
      theirContacts.length + mine.length,
    );
  });
});
