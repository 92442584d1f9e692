import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import { salesTeam } from '../policy/rights.test-support.ts';
import { create, email, phone, setMode } from './duplicates.test-support.ts';

let t: TestApp;
let api: Client;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

type Party = {
  id: number;
  name: string;
  custom_fields_values: Array<{ field_code: string | null; values: Array<{ value: unknown }> }> | null;
  _embedded: { tags: Array<{ name: string }> };
};
const read = async (type: 'contacts' | 'companies', id: number): Promise<Party> => {
  const res = await api.call('GET', `/api/v4/${type}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const valuesOf = (p: Party, code: string) =>
  p.custom_fields_values?.find((f) => f.field_code === code)?.values.map((v) => v.value) ?? [];
const post = async (type: 'contacts' | 'companies', items: unknown[]) => {
  const res = await api.call('POST', `/api/v4/${type}`, items);
  expect(res.statusCode, res.body).toBe(200);
  assertMatchesSpec('post', `/api/v4/${type}`, 200, res.json());
  return (
    res.json<{
      _embedded: Record<string, Array<{ id: number; request_id: string; merged?: boolean }>>;
    }>()._embedded[type] ?? []
  );
};
const count = async (type: 'contacts' | 'companies') =>
  Number(
    (
      await t.database.db
        .selectFrom(type)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', api.accountId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /api/v4/contacts|companies under duplicate control', () => {
  beforeEach(async () => {
    api = await signedInClient(t.app);
  });

  it('creates copies by default, as amoCRM does (warn only warns in the app)', async () => {
    const first = await create(api, 'contacts', {
      name: 'Ирина',
      custom_fields_values: [phone('+7 912 000-11-22')],
    });
    const [again] = await post('contacts', [
      { name: 'Ирина К.', custom_fields_values: [phone('89120001122')] },
    ]);
    expect(again?.id).not.toBe(first);
    expect(again?.merged).toBeUndefined();
    expect(await count('contacts')).toBe(2);
  });

  it('merges into the existing contact when set: values united, nothing lost, tags added', async () => {
    await setMode(api, { manual: 'merge' });
    const first = await create(api, 'contacts', {
      name: 'Ирина Кузнецова',
      custom_fields_values: [phone('+7 912 000-11-22'), email('irina@school.example')],
      _embedded: { tags: [{ name: 'старый' }] },
    });
    const [merged, fresh] = await post('contacts', [
      {
        request_id: 'a',
        name: 'Ира',
        custom_fields_values: [
          phone('8 (912) 000-11-22'), // the same number in another format: not repeated
          phone('+7 999 555-44-33'),
          email('IRINA@school.example'),
        ],
        tags_to_add: [{ name: 'форма' }],
      },
      { request_id: 'b', name: 'Пётр', custom_fields_values: [phone('+7 900 100-20-30')] },
    ]);
    expect(merged).toMatchObject({ id: first, request_id: 'a', merged: true });
    expect(fresh?.id).not.toBe(first);
    expect(fresh?.merged).toBeUndefined();
    const irina = await read('contacts', first);
    expect(irina.name).toBe('Ирина Кузнецова'); // the existing record's name stays
    expect(valuesOf(irina, 'PHONE')).toEqual(['+7 912 000-11-22', '+7 999 555-44-33']);
    expect(valuesOf(irina, 'EMAIL')).toEqual(['irina@school.example']);
    expect(irina._embedded.tags.map((x) => x.name).sort()).toEqual(['старый', 'форма']);
    expect(await count('contacts')).toBe(2);
    // The change is in the contact's history like any edit.
    const events = await t.database.db
      .selectFrom('events')
      .select('type')
      .where('account_id', '=', api.accountId)
      .where('entity_type', '=', 'contacts')
      .where('entity_id', '=', first)
      .execute();
    expect(events.map((e) => e.type)).toContain('entity.field_changed');
  });

  it('does not copy within one batch, and still refuses bad values with the item path', async () => {
    await setMode(api, { manual: 'merge' });
    const [a, b] = await post('contacts', [
      { name: 'Анна', custom_fields_values: [email('anna@example.com')] },
      { name: 'Анна', custom_fields_values: [email('Anna@Example.com'), phone('+7 901 000-00-01')] },
    ]);
    expect(b).toMatchObject({ id: a?.id, merged: true });
    expect(valuesOf(await read('contacts', a?.id ?? 0), 'PHONE')).toEqual(['+7 901 000-00-01']);
    const bad = await api.call('POST', '/api/v4/contacts', [
      {
        name: 'Анна',
        custom_fields_values: [email('anna@example.com'), { field_id: 999999, values: [{ value: 1 }] }],
      },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('0.custom_fields_values.1.field_id');
    expect(await count('contacts')).toBe(1);
  });

  it('merges a company by its ИНН typed differently, or by name, filling only empty fields', async () => {
    await setMode(api, { manual: 'merge' });
    const fields = await api.call('POST', '/api/v4/companies/custom_fields', [
      { name: 'ИНН', type: 'text', code: 'INN' },
      { name: 'Сайт', type: 'url', code: 'SITE' },
    ]);
    expect(fields.statusCode, fields.body).toBe(200);
    const romashka = await create(api, 'companies', {
      name: 'ООО Ромашка',
      custom_fields_values: [{ field_code: 'INN', values: [{ value: '7707083893' }] }],
    });
    const [byTax] = await post('companies', [
      {
        name: 'Ромашка (Москва)',
        custom_fields_values: [
          { field_code: 'INN', values: [{ value: 'ИНН 7707-083-893' }] },
          { field_code: 'SITE', values: [{ value: 'https://romashka.example' }] },
        ],
      },
    ]);
    expect(byTax).toMatchObject({ id: romashka, merged: true });
    const company = await read('companies', romashka);
    expect(valuesOf(company, 'INN')).toEqual(['7707083893']); // kept as first written
    expect(valuesOf(company, 'SITE')).toEqual(['https://romashka.example']); // the empty field filled
    const [byName] = await post('companies', [{ name: 'ооо ромашка' }]);
    expect(byName).toMatchObject({ id: romashka, merged: true });
    const [other] = await post('companies', [{ name: 'ООО Василёк' }]);
    expect(other?.merged).toBeUndefined();
    expect(await count('companies')).toBe(2);
  });
});

describe('duplicate control and access rights', () => {
  it('never merges into a record the user may not edit: a copy is created instead', async () => {
    const team = await salesTeam(t);
    await setMode(team.admin, { manual: 'merge' });
    const own = { view: 'own', edit: 'own', add: 'all', delete: 'own', export: 'own' };
    await team.giveRole(team.me, { contacts: own, companies: own });
    const theirs: number = team
      .ok(
        await team.admin.call('POST', '/api/v4/contacts', [
          {
            name: 'Чужой клиент',
            responsible_user_id: team.outsider.userId,
            custom_fields_values: [phone('+7 902 000-00-02')],
          },
        ]),
      )
      .json()._embedded.contacts[0].id;
    const res = team.ok(
      await team.me.call('POST', '/api/v4/contacts', [
        { name: 'Мой клиент', custom_fields_values: [phone('+7 902 000-00-02')] },
      ]),
    );
    const mine = res.json()._embedded.contacts[0];
    expect(mine.id).not.toBe(theirs);
    expect(mine.merged).toBeUndefined();
    // The other manager's contact was not touched; an administrator's copy merges as usual.
    const untouched = team.ok(await team.admin.call('GET', `/api/v4/contacts/${theirs}`)).json<Party>();
    expect(untouched.name).toBe('Чужой клиент');
    const byAdmin = team.ok(
      await team.admin.call('POST', '/api/v4/contacts', [
        { name: 'X', custom_fields_values: [phone('89020000002')] },
      ]),
    );
    expect(byAdmin.json()._embedded.contacts[0]).toMatchObject({ id: theirs, merged: true });
  });
});
