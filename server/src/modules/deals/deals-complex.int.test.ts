import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { countRows, getLead, signedInClient, type Client } from './deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const formLead = (name: string, phone: string, extra: Record<string, unknown> = {}) => ({
  name: `Заявка с сайта: ${name}`,
  price: 1500,
  _embedded: {
    contacts: [
      {
        first_name: name,
        custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone, enum_code: 'WORK' }] }],
      },
    ],
    companies: [{ name: `Компания ${name}` }],
    tags: [{ name: 'Сайт' }],
  },
  ...extra,
});

async function counts(c: Client) {
  const db = t.database.db;
  return {
    deals: await countRows(db, 'deals', c.accountId),
    contacts: await countRows(db, 'contacts', c.accountId),
    companies: await countRows(db, 'companies', c.accountId),
    events: await countRows(db, 'events', c.accountId),
  };
}

describe('POST /api/v4/leads/complex', () => {
  it('creates the deal, its contact and company linked together, and answers as amoCRM does', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('POST', '/api/v4/leads/complex', [
      formLead('Мария', '+7 912 000-11-22', { request_id: 'form-1' }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/hal+json');
    const [result] = res.json();
    expect(result).toEqual({
      id: expect.any(Number),
      contact_id: expect.any(Number),
      company_id: expect.any(Number),
      request_id: ['form-1'],
      merged: false,
    });
    const lead = await getLead(c, result.id, 'contacts');
    expect(lead).toMatchObject({ name: 'Заявка с сайта: Мария', price: 1500 });
    expect(lead._embedded).toMatchObject({
      contacts: [{ id: result.contact_id, is_main: true }],
      companies: [{ id: result.company_id }],
      tags: [{ name: 'Сайт' }],
    });
    const contact = (await c.call('GET', `/api/v4/contacts/${result.contact_id}`)).json();
    expect(contact.name).toBe('Мария');
    const company = await t.database.db
      .selectFrom('contacts')
      .select('company_id')
      .where('id', '=', result.contact_id)
      .executeTakeFirstOrThrow();
    expect(company.company_id).toBe(result.company_id);
  });

  it('links an existing contact with the same phone instead of copying it, reporting merged', async () => {
    const c = await signedInClient(t.app);
    const first = (
      await c.call('POST', '/api/v4/leads/complex', [formLead('Мария', '+7 912 000-11-22')])
    ).json()[0];
    const before = await counts(c);
    const again = await c.call('POST', '/api/v4/leads/complex', [
      formLead('Маша', '8 (912) 000 11 22'),
      { name: 'Без контакта' },
      { name: 'С известным контактом', _embedded: { contacts: [{ id: first.contact_id }] } },
    ]);
    expect(again.statusCode).toBe(200);
    const [dup, bare, known] = again.json();
    expect(dup).toMatchObject({ contact_id: first.contact_id, merged: true, request_id: ['0'] });
    expect(dup.id).not.toBe(first.id);
    expect(bare).toMatchObject({ contact_id: null, company_id: null, merged: false, request_id: ['1'] });
    expect(known).toMatchObject({ contact_id: first.contact_id, merged: false });
    const after = await counts(c);
    expect(after.contacts).toBe(before.contacts);
    expect(after.deals).toBe(before.deals + 3);
  });

  it('writes nothing when any item is invalid, naming the item and the path', async () => {
    const c = await signedInClient(t.app);
    const before = await counts(c);
    const res = await c.call('POST', '/api/v4/leads/complex', [
      formLead('Мария', '+7 912 000-11-22'),
      formLead('Иван', '+7 912 000-33-44', { status_id: 987654 }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()['validation-errors'][0]).toMatchObject({
      request_id: '1',
      errors: [{ path: 'status_id' }],
    });
    const badContact = await c.call('POST', '/api/v4/leads/complex', [
      {
        name: 'X',
        _embedded: {
          contacts: [{ name: 'Y', custom_fields_values: [{ field_id: 987654, values: [{ value: 'z' }] }] }],
        },
      },
    ]);
    expect(badContact.statusCode).toBe(400);
    expect(badContact.json()['validation-errors'][0].errors[0].path).toBe(
      '_embedded.contacts.0.custom_fields_values.0.field_id',
    );
    const tooMany = await c.call(
      'POST',
      '/api/v4/leads/complex',
      Array.from({ length: 51 }, () => ({ name: 'x' })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(await counts(c)).toEqual(before);
  });
});
