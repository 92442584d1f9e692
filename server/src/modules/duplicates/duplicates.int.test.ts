import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken } from '../../test/factories.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import { create, email, phone, setMode } from './duplicates.test-support.ts';

let t: TestApp;
let api: Client;
beforeEach(async () => {
  t = await buildTestApp();
  api = await signedInClient(t.app);
});
afterEach(async () => {
  await t.close();
});

type Check = { mode: string; items: Array<{ id: number; matched_by: string[] }> };
const check = async (body: Record<string, unknown>): Promise<Check> => {
  const res = await api.call('POST', '/api/app/duplicates/check', body);
  expect(res.statusCode).toBe(200);
  return res.json();
};
type Groups = {
  items: Array<{ key: string; count: number; members: Array<{ id: number }> }>;
  next: string | null;
};
const groups = async (type: string, by: string, extra = ''): Promise<Groups> => {
  const res = await api.call('GET', `/api/app/duplicates/${type}/groups?by=${by}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('duplicate check and groups', () => {
  it('finds a contact by its phone typed in five formats and by e-mail in any case', async () => {
    const id = await create(api, 'contacts', {
      name: 'Ирина Соколова',
      custom_fields_values: [phone('+7 912 000-11-22'), email('Irina@School.example')],
    });
    for (const typed of [
      '8 (912) 000-11-22',
      '89120001122',
      '+79120001122',
      '7 912 000 11 22',
      '912 000 1122',
    ]) {
      const found = await check({ entity_type: 'contacts', phones: [typed] });
      expect(found.mode).toBe('warn');
      expect(
        found.items.map((d) => d.id),
        typed,
      ).toEqual([id]);
      expect(found.items[0]?.matched_by).toEqual(['phone']);
    }
    expect(
      (await check({ entity_type: 'contacts', emails: ['IRINA@school.EXAMPLE'] })).items.map((d) => d.id),
    ).toEqual([id]);
    expect((await check({ entity_type: 'contacts', phones: ['+7 912 000-11-23'] })).items).toEqual([]);
    // The record being edited is not its own duplicate.
    expect((await check({ entity_type: 'contacts', phones: ['89120001122'], exclude_id: id })).items).toEqual(
      [],
    );
  });

  it('matches companies by a case-folded Cyrillic name and by tax id', async () => {
    const field = await api.call('POST', '/api/v4/companies/custom_fields', [
      { name: 'ИНН', type: 'text', code: 'INN' },
    ]);
    expect(field.statusCode).toBe(200);
    const a = await create(api, 'companies', {
      name: 'ООО Ромашка',
      custom_fields_values: [{ field_code: 'INN', values: [{ value: '7707083893' }] }],
    });
    const b = await create(api, 'companies', { name: 'ооо ромашка' });
    const c = await create(api, 'companies', {
      name: 'Ромашка-Юг',
      custom_fields_values: [{ field_code: 'INN', values: [{ value: '7707 083 893' }] }],
    });
    const byName = await check({ entity_type: 'companies', name: 'ООО РОМАШКА' });
    expect(byName.items.map((d) => d.id)).toEqual([a, b]);
    // ИНН compared as digits, however it was typed on either side.
    const byTax = await check({ entity_type: 'companies', name: 'Другая', tax_ids: ['ИНН 7707-083-893'] });
    expect(byTax.items.map((d) => d.id)).toEqual([a, c]);
    const names = await groups('companies', 'name');
    expect(names.items.map((g) => g.members.map((m) => m.id))).toEqual([[a, b]]);
    const taxes = await groups('companies', 'tax_id');
    expect(taxes.items.map((g) => [g.key, g.members.map((m) => m.id)])).toEqual([['7707083893', [a, c]]]);
    // A tax id that is not an ИНН is kept as it is (case and spaces aside), not cut to digits.
    const vat = await create(api, 'companies', {
      name: 'Rhein GmbH',
      custom_fields_values: [{ field_code: 'INN', values: [{ value: 'DE 123456789' }] }],
    });
    expect(
      (await check({ entity_type: 'companies', tax_ids: ['de123456789'] })).items.map((d) => d.id),
    ).toEqual([vat]);
    expect((await check({ entity_type: 'companies', tax_ids: ['123456789'] })).items).toEqual([]);
  });

  it('lists groups of contacts sharing a phone or an e-mail, page by page, without deleted ones', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = `+7 900 000-00-0${i}`;
      ids.push(await create(api, 'contacts', { name: `A${i}`, custom_fields_values: [phone(p)] }));
      ids.push(
        await create(api, 'contacts', { name: `B${i}`, custom_fields_values: [phone(p.replace('+7', '8'))] }),
      );
    }
    const solo = await create(api, 'contacts', {
      name: 'Solo',
      custom_fields_values: [phone('+7 900 111-22-33')],
    });
    const first = await groups('contacts', 'phone', '&limit=2');
    expect(first.items.map((g) => g.key)).toEqual(['+79000000000', '+79000000001']);
    expect(first.items[0]?.members.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    expect(first.next).toBe('+79000000001');
    const second = await groups(
      'contacts',
      'phone',
      `&limit=2&after=${encodeURIComponent(first.next ?? '')}`,
    );
    expect(second.items.map((g) => g.key)).toEqual(['+79000000002']);
    expect(second.next).toBeNull();
    expect(solo).toBeGreaterThan(0);
    // A deleted member leaves the group, and a group of one is no group.
    expect((await api.call('DELETE', `/api/v4/contacts/${ids[5]}`)).statusCode).toBe(204);
    expect((await groups('contacts', 'phone')).items.map((g) => g.key)).toEqual([
      '+79000000000',
      '+79000000001',
    ]);
  });

  it('keeps settings per account, validated, and applies them to the check', async () => {
    await setMode(api, { manual: 'off', arrivals: 'warn', merge_open_deal: true });
    const res = await api.call('GET', '/api/app/duplicates/settings');
    expect(res.json()).toEqual({ arrivals: 'warn', manual: 'off', merge_open_deal: true });
    await create(api, 'contacts', { name: 'X', custom_fields_values: [phone('+79120001122')] });
    expect((await check({ entity_type: 'contacts', phones: ['89120001122'] })).items).toEqual([]);
    const bad = await api.call('PUT', '/api/app/duplicates/settings', {
      arrivals: 'sometimes',
      manual: 'off',
      merge_open_deal: false,
    });
    expect(bad.statusCode).toBe(400);

    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const headers = { authorization: `Bearer ${other.token}` };
    const theirs = await t.app.inject({ method: 'GET', url: '/api/app/duplicates/settings', headers });
    expect(theirs.json()).toEqual({ arrivals: 'merge', manual: 'warn', merge_open_deal: false });
    const theirCheck = await t.app.inject({
      method: 'POST',
      url: '/api/app/duplicates/check',
      headers,
      payload: { entity_type: 'contacts', phones: ['89120001122'] },
    });
    expect(theirCheck.json()).toEqual({ mode: 'warn', items: [] });
  });
});
