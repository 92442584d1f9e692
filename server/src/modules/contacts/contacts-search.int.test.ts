import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';
import { findContactsByPhoneOrEmail } from './contacts.repo.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

async function createContact(item: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', '/api/v4/contacts', [item]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json()._embedded.contacts[0].id;
}

async function search(query: string): Promise<number[]> {
  const res = await api.call('GET', `/api/v4/contacts?query=${encodeURIComponent(query)}`);
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  assertMatchesSpec('get', '/api/v4/contacts', 200, res.json());
  return res.json()._embedded.contacts.map((c: { id: number }) => c.id);
}

describe('GET /api/v4/contacts?query=', () => {
  it('finds a phone typed in any format', async () => {
    const ivan = await createContact({
      name: 'Иван',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 (912) 345-67-89' }] }],
    });
    await createContact({
      name: 'Другой',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 999 111-22-33' }] }],
    });
    for (const q of [
      '8 (912) 345-67-89',
      '+79123456789',
      '912 345 67 89',
      '89123456789',
      '7 912 345 67 89',
      '345-67-89',
    ]) {
      expect(await search(q), q).toEqual([ivan]);
    }
    expect(await search('+79123456780')).toEqual([]);
  });

  it('finds names and field values case-insensitively, Cyrillic included', async () => {
    const ivan = await createContact({ first_name: 'Иван', last_name: 'Ёлкин' });
    const fieldRes = await api.call('POST', '/api/v4/contacts/custom_fields', [
      { name: 'Город', type: 'text' },
    ]);
    const cityField = fieldRes.json()._embedded.custom_fields[0].id;
    const maria = await createContact({
      name: 'Maria',
      custom_fields_values: [
        { field_id: cityField, values: [{ value: 'Санкт-Петербург' }] },
        { field_code: 'EMAIL', values: [{ value: 'Maria.Petrova@Example.COM' }] },
      ],
    });
    expect(await search('иван')).toEqual([ivan]);
    expect(await search('ИВАН')).toEqual([ivan]);
    expect(await search('ёлк')).toEqual([ivan]);
    expect(await search('петербург')).toEqual([maria]);
    expect(await search('maria.petrova@example.com')).toEqual([maria]);
    expect(await search('EXAMPLE.com')).toEqual([maria]);
    expect(await search('MARIA')).toEqual([maria]);
    // LIKE wildcards are literal characters, not "anything".
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it("does not match a deleted field's old values", async () => {
    const fieldRes = await api.call('POST', '/api/v4/contacts/custom_fields', [
      { name: 'Кличка', type: 'text' },
    ]);
    const field = fieldRes.json()._embedded.custom_fields[0].id;
    await createContact({
      name: 'Пёс',
      custom_fields_values: [{ field_id: field, values: [{ value: 'Шарик' }] }],
    });
    expect(await search('шарик')).toHaveLength(1);
    expect((await api.call('DELETE', `/api/v4/contacts/custom_fields/${field}`)).statusCode).toBe(204);
    expect(await search('шарик')).toEqual([]);
  });
});

describe('findContactsByPhoneOrEmail', () => {
  it('matches phones in any format and e-mails in any case, live contacts of the account only', async () => {
    const db = t.database.db;
    const byPhone = await createContact({
      name: 'A',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 912 345-67-89' }] }],
    });
    const byEmail = await createContact({
      name: 'B',
      custom_fields_values: [{ field_code: 'EMAIL', values: [{ value: 'b@example.com' }] }],
    });
    const deleted = await createContact({
      name: 'C',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '89123456789' }] }],
    });
    await api.call('DELETE', `/api/v4/contacts/${deleted}`);
    const other = await api.other();
    await other.call('POST', '/api/v4/contacts', [
      { name: 'D', custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+79123456789' }] }] },
    ]);

    expect(await findContactsByPhoneOrEmail(db, api.accountId, ['8 (912) 345 67 89'], [])).toEqual([byPhone]);
    expect(await findContactsByPhoneOrEmail(db, api.accountId, [], ['B@EXAMPLE.COM'])).toEqual([byEmail]);
    expect(await findContactsByPhoneOrEmail(db, api.accountId, ['9123456789'], [' b@example.com '])).toEqual([
      byPhone,
      byEmail,
    ]);
    // An e-mail is never compared with phones, nor a phone with e-mails.
    expect(await findContactsByPhoneOrEmail(db, api.accountId, ['b@example.com'], ['+79123456789'])).toEqual(
      [],
    );
    expect(await findContactsByPhoneOrEmail(db, api.accountId, [], [])).toEqual([]);
  });
});
