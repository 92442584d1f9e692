import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';

// A whole phone number takes the indexed path (value_norm = E.164, resolved to ids first);
// these pin down that it finds the same records as before, in contacts and in deals.
let t: TestApp;
let api: ApiClient;
let ivan: number;
let deal: number;
beforeAll(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
  const created = await api.call('POST', '/api/v4/contacts', [
    {
      name: 'Иван',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 (912) 345-67-89' }] }],
    },
    {
      name: 'Пётр',
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+380 50 123 45 67' }] }],
    },
  ]);
  ivan = created.json()._embedded.contacts[0].id;
  const deals = await api.call('POST', '/api/v4/leads', [
    { name: 'Курс', _embedded: { contacts: [{ id: ivan }] } },
    { name: 'Другая сделка' },
  ]);
  deal = deals.json()._embedded.leads[0].id;
});
afterAll(async () => {
  await t.close();
});

async function ids(path: string): Promise<number[]> {
  const res = await api.call('GET', path);
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  const embedded = res.json()._embedded;
  return (embedded.contacts ?? embedded.leads).map((x: { id: number }) => x.id);
}

describe('search by a whole phone number', () => {
  it('finds the contact, and the deals of the contact, whatever the format', async () => {
    for (const q of ['89123456789', '+7 912 345 67 89', '8 (912) 345-67-89', '9123456789']) {
      expect(await ids(`/api/v4/contacts?query=${encodeURIComponent(q)}`), q).toEqual([ivan]);
      expect(await ids(`/api/v4/leads?query=${encodeURIComponent(q)}`), q).toEqual([deal]);
    }
  });

  it('finds nothing for an unknown number, and partial digits still search as text', async () => {
    expect(await ids(`/api/v4/contacts?query=${encodeURIComponent('+7 912 345 67 80')}`)).toEqual([]);
    expect(await ids(`/api/v4/leads?query=${encodeURIComponent('+7 912 345 67 80')}`)).toEqual([]);
    expect(await ids(`/api/v4/contacts?query=${encodeURIComponent('345-67-89')}`)).toEqual([ivan]);
  });

  it('never finds another account’s contact with the same number', async () => {
    const other = await api.other();
    await other.call('POST', '/api/v4/contacts', [
      { name: 'Чужой', custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '89123456789' }] }] },
    ]);
    expect(await ids('/api/v4/contacts?query=89123456789')).toEqual([ivan]);
  });
});
