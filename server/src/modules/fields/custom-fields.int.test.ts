import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, countRows, insertDeal, validationErrors, type ApiClient } from './api-test-kit.ts';

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

describe('predefined fields', () => {
  it('every account has PHONE and EMAIL contact fields with amoCRM enum codes', async () => {
    const res = await api.call('GET', '/api/v4/contacts/custom_fields');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('get', '/api/v4/{entity_type}/custom_fields', 200, body);
    const byCode = new Map(body._embedded.custom_fields.map((f: { code: string }) => [f.code, f]));
    expect(byCode.get('PHONE')).toMatchObject({
      type: 'multitext',
      is_predefined: true,
      is_deletable: false,
      entity_type: 'contacts',
      enums: ['WORK', 'WORKDD', 'MOB', 'FAX', 'HOME', 'OTHER'].map((code) =>
        expect.objectContaining({ value: code, code }),
      ),
    });
    expect(byCode.get('EMAIL')).toMatchObject({
      type: 'multitext',
      enums: ['WORK', 'PRIV', 'OTHER'].map((code) => expect.objectContaining({ value: code, code })),
    });
    // Listing again does not create them twice.
    const again = (await api.call('GET', '/api/v4/contacts/custom_fields')).json();
    expect(again._embedded.custom_fields).toHaveLength(body._embedded.custom_fields.length);

    expect((await api.call('GET', '/api/v4/leads/custom_fields')).statusCode).toBe(204);
    const companies = (await api.call('GET', '/api/v4/companies/custom_fields')).json();
    expect(companies._embedded.custom_fields.map((f: { code: string }) => f.code)).toEqual([
      'PHONE',
      'EMAIL',
      'WEB',
      'ADDRESS',
    ]);
  });

  it('cannot be deleted or lose their code', async () => {
    const phone = (await api.call('GET', '/api/v4/contacts/custom_fields')).json()._embedded.custom_fields[1];
    expect(phone.code).toBe('PHONE');
    const del = await api.call('DELETE', `/api/v4/contacts/custom_fields/${phone.id}`);
    expect(del.statusCode).toBe(400);
    const recode = await api.call('PATCH', `/api/v4/contacts/custom_fields/${phone.id}`, { code: 'TEL' });
    expect(validationErrors(recode.json())[0]).toMatchObject({ code: 'NotChangeable', path: 'code' });
    const renamed = await api.call('PATCH', `/api/v4/contacts/custom_fields/${phone.id}`, {
      name: 'Телефоны',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Телефоны', code: 'PHONE' });
  });
});

describe('POST /api/v4/{entity}/custom_fields', () => {
  it('creates fields of every type, echoing request ids', async () => {
    const types = [
      'text',
      'textarea',
      'numeric',
      'monetary',
      'checkbox',
      'date',
      'date_time',
      'birthday',
      'url',
      'streetaddress',
    ];
    const res = await api.call('POST', '/api/v4/leads/custom_fields', [
      { ...selectField, request_id: 'src' },
      { name: 'Теги интересов', type: 'multiselect', enums: [{ value: 'A' }, { value: 'B' }] },
      { name: 'Радио', type: 'radiobutton', enums: [{ value: 'Да' }] },
      ...types.map((type) => ({ name: `Поле ${type}`, type })),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    assertMatchesSpec('post', '/api/v4/{entity_type}/custom_fields', 200, body);
    expect(body._embedded.custom_fields[0]).toMatchObject({
      request_id: 'src',
      name: 'Источник',
      code: 'SOURCE',
    });
    expect(body._embedded.custom_fields[1].request_id).toBe('1');

    const list = await api.call('GET', '/api/v4/leads/custom_fields?limit=250');
    assertMatchesSpec('get', '/api/v4/{entity_type}/custom_fields', 200, list.json());
    const fields = list.json()._embedded.custom_fields;
    expect(fields.map((f: { type: string }) => f.type)).toEqual([
      'select',
      'multiselect',
      'radiobutton',
      ...types,
    ]);
    expect(fields[0].enums).toEqual([
      expect.objectContaining({ value: 'Сайт', sort: 1 }),
      expect.objectContaining({ value: 'Звонок', sort: 2, code: 'CALL' }),
    ]);
    expect(fields[3].enums).toBeUndefined();

    const filtered = await api.call(
      'GET',
      '/api/v4/leads/custom_fields?filter[type][]=numeric&filter[type][]=url',
    );
    expect(filtered.json()._embedded.custom_fields.map((f: { type: string }) => f.type)).toEqual([
      'numeric',
      'url',
    ]);

    const one = await api.call('GET', `/api/v4/leads/custom_fields/${fields[0].id}`);
    expect(one.statusCode).toBe(200);
    assertMatchesSpec('get', '/api/v4/{entity_type}/custom_fields/{id}', 200, one.json());
  });

  it('stores required statuses that exist in the account', async () => {
    const { pipelineId, stageId } = await insertDeal(t.database.db, api.accountId);
    const required = [
      { pipeline_id: pipelineId, status_id: stageId },
      { pipeline_id: pipelineId, status_id: 142 },
    ];
    const field = await createField('leads', {
      name: 'Бюджет',
      type: 'monetary',
      required_statuses: required,
    });
    const got = (await api.call('GET', `/api/v4/leads/custom_fields/${field.id}`)).json();
    expect(got.required_statuses).toEqual(required);

    const bad = await api.call('POST', '/api/v4/leads/custom_fields', [
      { name: 'X', type: 'text', required_statuses: [{ pipeline_id: pipelineId, status_id: 999999 }] },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(validationErrors(bad.json())[0]?.path).toBe('0.required_statuses.0');
  });

  it('refuses bad definitions, creating nothing', async () => {
    await api.call('GET', '/api/v4/contacts/custom_fields');
    const before = await countRows(t.database.db, 'custom_fields');
    const cases: Array<[unknown[], string]> = [
      [
        [
          { name: 'ok', type: 'text' },
          { name: 'x', type: 'hologram' },
        ],
        '1.type',
      ],
      [[{ name: 'x', type: 'select' }], '0.enums'],
      [[{ name: 'x', type: 'text', enums: [{ value: 'a' }] }], '0.enums'],
      [[{ name: 'x', type: 'text', code: 'phone' }], '0.code'],
      [
        [
          { name: 'a', type: 'text', code: 'DUP' },
          { name: 'b', type: 'text', code: 'dup' },
        ],
        '1.code',
      ],
      [[{ name: 'x', type: 'text', group_id: 123 }], '0.group_id'],
      [[{ type: 'text' }], '0.name'],
    ];
    for (const [payload, path] of cases) {
      const res = await api.call('POST', '/api/v4/contacts/custom_fields', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(validationErrors(res.json()).map((e) => e.path)).toContain(path);
    }
    const tooMany = Array.from({ length: 251 }, (_, i) => ({ name: `f${i}`, type: 'text' }));
    expect((await api.call('POST', '/api/v4/contacts/custom_fields', tooMany)).statusCode).toBe(400);
    expect(await countRows(t.database.db, 'custom_fields')).toBe(before);
  });

  it('is for administrators only', async () => {
    const manager = await buildUser(t.database.db, api.accountId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: manager.email, password: 'manager password' },
    });
    const headers = {
      cookie: `voronka_session=${login.cookies[0]?.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v4/leads/custom_fields',
      headers,
      payload: [{ name: 'x', type: 'text' }],
    });
    expect(res.statusCode).toBe(403);
    const read = await t.app.inject({ method: 'GET', url: '/api/v4/contacts/custom_fields', headers });
    expect(read.statusCode).toBe(200);
  });
});
