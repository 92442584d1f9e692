import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import type { Ctx } from '../context.ts';
import {
  apiClient,
  countRows,
  eventsOf,
  insertDeal,
  validationErrors,
  type ApiClient,
} from './api-test-kit.ts';
import { readFieldValues, writeFieldValues } from './field-values.ts';

let t: TestApp;
let api: ApiClient;
let f: Record<string, number>;
let enums: Record<string, number>;

beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
  const defs = [
    { name: 'Текст', type: 'text' },
    { name: 'Число', type: 'numeric' },
    { name: 'Сумма', type: 'monetary' },
    { name: 'Флаг', type: 'checkbox' },
    { name: 'Дата', type: 'date' },
    { name: 'Момент', type: 'date_time' },
    { name: 'ДР', type: 'birthday' },
    { name: 'Сайт', type: 'url' },
    { name: 'Адрес', type: 'streetaddress' },
    { name: 'Заметка', type: 'textarea' },
    { name: 'Канал', type: 'select', enums: [{ value: 'Сайт' }, { value: 'Звонок', code: 'CALL' }] },
    { name: 'Интересы', type: 'multiselect', enums: [{ value: 'A', code: 'A' }, { value: 'B' }] },
    { name: 'Да/нет', type: 'radiobutton', enums: [{ value: 'Да' }, { value: 'Нет' }] },
  ];
  const res = await api.call('POST', '/api/v4/contacts/custom_fields', defs);
  expect(res.statusCode, res.body).toBe(200);
  const created: Array<{ id: number; type: string; enums?: Array<{ id: number; value: string }> }> =
    res.json()._embedded.custom_fields;
  f = Object.fromEntries(created.map((c) => [c.type, c.id]));
  enums = Object.fromEntries(
    created.flatMap((c) => (c.enums ?? []).map((e) => [`${c.type}:${e.value}`, e.id])),
  );
});
afterEach(async () => {
  await t.close();
});

const one = (fieldId: number | undefined, value: unknown, extra: Record<string, unknown> = {}) => ({
  field_id: fieldId,
  values: [{ value, ...extra }],
});

async function createContact(custom_fields_values: unknown[]) {
  return api.call('POST', '/api/v4/contacts', [{ name: 'Тест', custom_fields_values }]);
}

describe('custom field values by type', () => {
  it('stores and answers every type in the amoCRM shape', async () => {
    const res = await createContact([
      one(f.text, ' Привет '),
      one(f.numeric, '1 500,5'),
      one(f.monetary, 2500),
      one(f.checkbox, true),
      one(f.date, '2024-01-31'),
      one(f.date_time, 1_700_000_000),
      one(f.birthday, '1990-05-01'),
      one(f.url, 'https://example.ru/a'),
      one(f.streetaddress, 'ул. Ленина, 1'),
      one(f.textarea, 'строка 1\nстрока 2'),
      one(f.select, 'звонок'),
      {
        field_id: f.multiselect,
        values: [{ enum_code: 'a' }, { value: 'b' }, { enum_id: enums['multiselect:A'] }],
      },
      { field_id: f.radiobutton, values: [{ enum_id: enums['radiobutton:Нет'] }] },
      {
        field_code: 'PHONE',
        values: [{ value: '8 (912) 345-67-89' }, { value: '+7 495 123 45 67', enum_code: 'WORKDD' }],
      },
      { field_code: 'EMAIL', values: [{ value: 'Ivan@Example.COM', enum_id: undefined }] },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json()._embedded.contacts[0].id;
    const contact = (await api.call('GET', `/api/v4/contacts/${id}`)).json();
    assertMatchesSpec('get', '/api/v4/contacts/{id}', 200, contact);
    const byField = new Map(
      contact.custom_fields_values.map((v: { field_id: number; values: unknown[] }) => [
        v.field_id,
        v.values,
      ]),
    );
    expect(byField.get(f.text)).toEqual([{ value: 'Привет' }]);
    expect(byField.get(f.numeric)).toEqual([{ value: '1500.5' }]);
    expect(byField.get(f.monetary)).toEqual([{ value: '2500' }]);
    expect(byField.get(f.checkbox)).toEqual([{ value: true }]);
    expect(byField.get(f.date)).toEqual([{ value: 1_706_659_200 }]);
    expect(byField.get(f.date_time)).toEqual([{ value: 1_700_000_000 }]);
    expect(byField.get(f.birthday)).toEqual([{ value: 641_520_000 }]);
    expect(byField.get(f.url)).toEqual([{ value: 'https://example.ru/a' }]);
    expect(byField.get(f.streetaddress)).toEqual([{ value: 'ул. Ленина, 1' }]);
    expect(byField.get(f.textarea)).toEqual([{ value: 'строка 1\nстрока 2' }]);
    expect(byField.get(f.select)).toEqual([
      { value: 'Звонок', enum_id: enums['select:Звонок'], enum_code: 'CALL' },
    ]);
    expect(byField.get(f.multiselect)).toEqual([
      { value: 'A', enum_id: enums['multiselect:A'], enum_code: 'A' },
      { value: 'B', enum_id: enums['multiselect:B'] },
    ]);
    expect(byField.get(f.radiobutton)).toEqual([{ value: 'Нет', enum_id: enums['radiobutton:Нет'] }]);
    const phone = contact.custom_fields_values.find((v: { field_code?: string }) => v.field_code === 'PHONE');
    // A phone without a kind is a WORK phone, as in amoCRM.
    expect(phone.values).toEqual([
      expect.objectContaining({ value: '8 (912) 345-67-89', enum_code: 'WORK' }),
      expect.objectContaining({ value: '+7 495 123 45 67', enum_code: 'WORKDD' }),
    ]);

    const stored = await t.database.db
      .selectFrom('field_values')
      .select(['field_id', 'value_num', 'value_norm', 'value_lc'])
      .where('entity_id', '=', id)
      .execute();
    const row = (fieldId: number | undefined) => stored.filter((s) => s.field_id === fieldId);
    expect(row(f.numeric)[0]?.value_num).toBe(1500.5);
    expect(row(f.checkbox)[0]?.value_num).toBe(1);
    expect(row(f.date)[0]?.value_num).toBe(1_706_659_200);
    expect(row(f.text)[0]?.value_lc).toBe('привет');
    expect(stored.map((s) => s.value_norm)).toEqual(
      expect.arrayContaining(['+79123456789', '+74951234567', 'ivan@example.com']),
    );
  });

  it('refuses values that do not fit the type with the exact path, storing nothing', async () => {
    const other = await api.other();
    const theirField = (
      await other.call('POST', '/api/v4/contacts/custom_fields', [{ name: 'Их', type: 'text' }])
    ).json()._embedded.custom_fields[0].id;
    const leadField = (
      await api.call('POST', '/api/v4/leads/custom_fields', [{ name: 'Сделка', type: 'text' }])
    ).json()._embedded.custom_fields[0].id;
    const base = 'custom_fields_values';
    const cases: Array<[unknown[], string, string]> = [
      [[one(f.numeric, 'много')], `0.${base}.0.values.0.value`, 'InvalidType'],
      [[one(f.text, 'ok'), one(f.checkbox, 'maybe')], `0.${base}.1.values.0.value`, 'InvalidType'],
      [[one(f.date, 'yesterday')], `0.${base}.0.values.0.value`, 'InvalidType'],
      [[one(f.text, { nested: true })], `0.${base}.0.values.0.value`, 'InvalidType'],
      [[one(f.url, 'not a url')], `0.${base}.0.values.0.value`, 'InvalidType'],
      [[one(f.select, 'Нет такого')], `0.${base}.0.values.0.value`, 'NotSupportedChoice'],
      [[{ field_id: f.select, values: [{ enum_id: 999999 }] }], `0.${base}.0.values.0.enum_id`, 'NotFound'],
      [
        [{ field_id: f.select, values: [{ enum_id: enums['multiselect:A'] }] }],
        `0.${base}.0.values.0.enum_id`,
        'NotFound',
      ],
      [[{ field_id: f.text, values: [{ value: 'a' }, { value: 'b' }] }], `0.${base}.0.values`, 'TooMany'],
      [
        [{ field_code: 'PHONE', values: [{ value: '+79120000000', enum_code: 'NOPE' }] }],
        `0.${base}.0.values.0.enum_code`,
        'NotFound',
      ],
      [[one(theirField, 'x')], `0.${base}.0.field_id`, 'NotFound'],
      [[one(leadField, 'x')], `0.${base}.0.field_id`, 'NotFound'],
      [[{ field_code: 'NOPE', values: [{ value: 'x' }] }], `0.${base}.0.field_code`, 'NotFound'],
      [[{ values: [{ value: 'x' }] }], `0.${base}.0.field_id`, 'Required'],
    ];
    for (const [values, path, code] of cases) {
      const res = await createContact(values);
      expect(res.statusCode, JSON.stringify(values)).toBe(400);
      expect(validationErrors(res.json()), JSON.stringify(values)).toContainEqual(
        expect.objectContaining({ path, code }),
      );
    }
    expect(await countRows(t.database.db, 'contacts')).toBe(0);
    expect(await countRows(t.database.db, 'field_values')).toBe(0);
  });

  it('records a field change only when the values change', async () => {
    const id = (await createContact([one(f.numeric, 10)])).json()._embedded.contacts[0].id;
    const changes = async () =>
      (await eventsOf(t.database.db, api.accountId, 'contacts', id)).filter(
        (e) => e.type === 'entity.field_changed',
      );
    expect(await changes()).toHaveLength(1);
    await api.call('PATCH', `/api/v4/contacts/${id}`, { custom_fields_values: [one(f.numeric, '10')] });
    expect(await changes()).toHaveLength(1);
    await api.call('PATCH', `/api/v4/contacts/${id}`, { custom_fields_values: [one(f.numeric, 12)] });
    const events = await changes();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      created_by: api.userId,
      before: [{ custom_field_value: { field_id: f.numeric, field_type: 'numeric', text: '10' } }],
      after: [{ custom_field_value: { field_id: f.numeric, field_type: 'numeric', text: '12' } }],
    });
    // Fields not named in a write keep their values; an empty string clears.
    await api.call('PATCH', `/api/v4/contacts/${id}`, { custom_fields_values: [one(f.text, 'x')] });
    await api.call('PATCH', `/api/v4/contacts/${id}`, { custom_fields_values: [one(f.text, '')] });
    const values = (await api.call('GET', `/api/v4/contacts/${id}`)).json().custom_fields_values;
    expect(values).toEqual([expect.objectContaining({ field_id: f.numeric, values: [{ value: '12' }] })]);
  });
});

describe('writeFieldValues / readFieldValues (the commands deals use)', () => {
  it('writes lead values inside the caller transaction, with prefixed error paths', async () => {
    const db = t.database.db;
    const leadField = (
      await api.call('POST', '/api/v4/leads/custom_fields', [{ name: 'Бюджет', type: 'monetary' }])
    ).json()._embedded.custom_fields[0].id;
    const { dealId } = await insertDeal(db, api.accountId);
    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', api.accountId)
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', api.userId)
      .executeTakeFirstOrThrow();
    const ctx: Ctx = { db, account, accountId: account.id, userId: user.id, user, queue: null };

    await db
      .transaction()
      .execute((trx) =>
        writeFieldValues({ ...ctx, db: trx }, 'leads', dealId, [
          { field_id: leadField, values: [{ value: 990 }] },
        ]),
      );
    const read = await readFieldValues(db, api.accountId, 'leads', [dealId, dealId + 1]);
    expect(read.get(dealId)).toEqual([
      {
        field_id: leadField,
        field_name: 'Бюджет',
        field_code: null,
        field_type: 'monetary',
        values: [{ value: '990' }],
      },
    ]);
    expect(read.has(dealId + 1)).toBe(false);

    const failing = db
      .transaction()
      .execute((trx) =>
        writeFieldValues(
          { ...ctx, db: trx },
          'leads',
          dealId,
          [{ field_id: leadField, values: [{ value: 'x' }] }],
          '_embedded.leads.3',
        ),
      );
    await expect(failing).rejects.toMatchObject({
      status: 400,
      extra: {
        'validation-errors': [
          {
            errors: [
              expect.objectContaining({ path: '_embedded.leads.3.custom_fields_values.0.values.0.value' }),
            ],
          },
        ],
      },
    });
    expect((await readFieldValues(db, api.accountId, 'leads', [dealId])).get(dealId)?.[0]?.values).toEqual([
      { value: '990' },
    ]);
    expect((await readFieldValues(db, api.accountId + 1, 'leads', [dealId])).size).toBe(0);

    await writeFieldValues(ctx, 'leads', dealId, [{ field_id: leadField, values: null }]);
    expect((await readFieldValues(db, api.accountId, 'leads', [dealId])).size).toBe(0);
  });
});
