import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { assertLeadsMatchSpec } from '../deals/deals.test-support.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';
import { normalisePhone } from '../fields/normalise.ts';
import { generateDemo, type DemoResult } from './generate-demo.ts';

let t: TestApp;
let api: ApiClient;
let result: DemoResult;
const DEALS = 400;
const CONTACTS = 120;

beforeAll(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
  result = await generateDemo(t.database, {
    deals: DEALS,
    contacts: CONTACTS,
    accountId: api.accountId,
    batchSize: 150,
  });
});
afterAll(async () => {
  await t.close();
});

const count = async (table: 'deals' | 'contacts' | 'companies' | 'tasks' | 'notes' | 'events') => {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', api.accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

describe('generateDemo', () => {
  it('inserts the asked numbers of deals and contacts, with companies, tasks, notes and events', async () => {
    expect(result.accountId).toBe(api.accountId);
    expect(await count('deals')).toBe(DEALS);
    expect(await count('contacts')).toBe(CONTACTS);
    expect(await count('companies')).toBe(CONTACTS / 8);
    expect(await count('tasks')).toBe(result.rows.tasks);
    expect(await count('notes')).toBe(result.rows.notes);
    expect(result.rows.tasks).toBeGreaterThan(0);
    expect(result.rows.notes).toBeGreaterThan(0);
    // At least deal.created and contact.created for each, plus links, moves, tasks and notes.
    expect(await count('events')).toBeGreaterThan(DEALS + CONTACTS);
  });

  it('keeps deals consistent with their stages: closed_at exactly for won and lost, one main contact', async () => {
    const rows = await t.database.db
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select(['deals.id', 'deals.pipeline_id', 'stages.pipeline_id as stage_pipeline', 'stages.kind'])
      .select(['deals.closed_at', 'deals.loss_reason_id', 'deals.name', 'deals.name_lc'])
      .where('deals.account_id', '=', api.accountId)
      .execute();
    expect(rows).toHaveLength(DEALS);
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['incoming', 'lost', 'open', 'won']);
    expect(new Set(rows.map((r) => r.pipeline_id)).size).toBe(3);
    for (const r of rows) {
      expect(r.stage_pipeline).toBe(r.pipeline_id);
      expect(r.closed_at !== null).toBe(r.kind === 'won' || r.kind === 'lost');
      if (r.kind !== 'lost') expect(r.loss_reason_id).toBeNull();
      expect(r.name_lc).toBe(r.name.toLowerCase());
    }
    const mains = await t.database.db
      .selectFrom('deal_contacts')
      .select(['deal_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', api.accountId)
      .where('is_main', '=', 1)
      .groupBy('deal_id')
      .execute();
    expect(mains).toHaveLength(DEALS);
    expect(mains.every((m) => Number(m.n) === 1)).toBe(true);
  });

  it('lists a stage through GET /api/v4/leads newest on top of the board, as the API reads them', async () => {
    const stage = await t.database.db
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select(['deals.pipeline_id', 'deals.stage_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deals.account_id', '=', api.accountId)
      .where('stages.kind', '=', 'open')
      .groupBy(['deals.pipeline_id', 'deals.stage_id'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const res = await api.call(
      'GET',
      `/api/v4/leads?filter[statuses][0][pipeline_id]=${stage.pipeline_id}` +
        `&filter[statuses][0][status_id]=${stage.stage_id}&limit=250&with=contacts`,
    );
    expect(res.statusCode, res.body).toBe(200);
    assertLeadsMatchSpec('get', '/api/v4/leads', res.json());
    const leads: Array<{ status_id: number; _embedded: { contacts: unknown[]; tags: unknown[] } }> =
      res.json()._embedded.leads;
    expect(leads).toHaveLength(Math.min(250, Number(stage.n)));
    expect(leads.every((l) => l.status_id === stage.stage_id && l._embedded.contacts.length >= 1)).toBe(true);

    // On the board (ascending position) the newest deal is on top.
    const byPosition = await t.database.db
      .selectFrom('deals')
      .select('created_at')
      .where('account_id', '=', api.accountId)
      .where('stage_id', '=', stage.stage_id)
      .orderBy('position')
      .execute();
    const times = byPosition.map((d) => d.created_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('stores phones as the contacts module does, so a search in another format finds the contact', async () => {
    const phone = await t.database.db
      .selectFrom('field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['v.entity_id', 'v.value_text', 'v.value_norm'])
      .where('v.account_id', '=', api.accountId)
      .where('v.entity_type', '=', 'contacts')
      .where('f.code', '=', 'PHONE')
      .where('v.value_norm', 'like', '+79%')
      .orderBy('v.id')
      .executeTakeFirstOrThrow();
    expect(phone.value_norm).toBe(normalisePhone(phone.value_text ?? '', 'RU'));
    const national = `8 (${phone.value_norm?.slice(2, 5)}) ${phone.value_norm?.slice(5, 8)}-${phone.value_norm?.slice(8)}`;
    const res = await api.call('GET', `/api/v4/contacts?query=${encodeURIComponent(national)}`);
    expect(res.statusCode, res.body).toBe(200);
    assertMatchesSpec('get', '/api/v4/contacts', 200, res.json());
    const ids = res.json()._embedded.contacts.map((c: { id: number }) => c.id);
    expect(ids).toContain(phone.entity_id);

    const contact = await api.call('GET', `/api/v4/contacts/${phone.entity_id}`);
    const values = contact.json().custom_fields_values as Array<{ field_code: string; values: unknown[] }>;
    expect(values.find((v) => v.field_code === 'PHONE')?.values).toContainEqual(
      expect.objectContaining({ value: phone.value_text }),
    );
  });

  it('reads back a deal timeline and its custom fields through the API', async () => {
    const list = await api.call('GET', '/api/v4/leads?limit=5&order[id]=desc');
    const id: number = list.json()._embedded.leads[0].id;
    const events = await api.call('GET', `/api/v4/events?filter[entity]=lead&filter[entity_id]=${id}`);
    expect(events.statusCode, events.body).toBe(200);
    const types = events.json()._embedded.events.map((e: { type: string }) => e.type);
    expect(types).toContain('lead_added');
  });

  it('adds to what is there when run again: setup reused, new deals on top of their stages', async () => {
    const fieldsBefore = await t.database.db.selectFrom('custom_fields').select('id').execute();
    const again = await generateDemo(t.database, { deals: 50, contacts: 10, accountId: api.accountId });
    expect(again.rows.deals).toBe(50);
    expect(await count('deals')).toBe(DEALS + 50);
    expect(await t.database.db.selectFrom('custom_fields').select('id').execute()).toHaveLength(
      fieldsBefore.length,
    );
    const dupes = await t.database.db
      .selectFrom('deals')
      .select(['stage_id', 'position', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', api.accountId)
      .groupBy(['stage_id', 'position'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dupes).toEqual([]);
  });
});
