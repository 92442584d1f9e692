import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  assertLeadsMatchSpec,
  countRows,
  createLeads,
  getLead,
  mainPipeline,
  signedInClient,
  type Client,
} from './deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const eventsOf = (dealId: number) =>
  t.database.db
    .selectFrom('events')
    .select(['type', 'created_by', 'value_after'])
    .where('entity_type', '=', 'leads')
    .where('entity_id', '=', dealId)
    .orderBy('id')
    .execute();

async function createContact(c: Client, name: string, phone?: string): Promise<number> {
  const res = await c.call('POST', '/api/v4/contacts', [
    {
      name,
      ...(phone ? { custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone }] }] } : {}),
    },
  ]);
  expect(res.statusCode).toBe(200);
  return res.json()._embedded.contacts[0].id;
}

async function snapshot(c: Client) {
  const db = t.database.db;
  return {
    deals: await countRows(db, 'deals', c.accountId),
    events: await countRows(db, 'events', c.accountId),
    links: await countRows(db, 'deal_contacts', c.accountId),
  };
}

describe('POST /api/v4/leads', () => {
  it('creates a deal with amoCRM defaults: main pipeline, first open stage, the caller responsible', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const res = await c.call('POST', '/api/v4/leads', [
      { name: 'Кухонный гарнитур', price: 185000, request_id: 'k1' },
      {},
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('post', '/api/v4/leads', 200, body);
    const [kitchen, unnamed] = body._embedded.leads;
    expect(kitchen.request_id).toBe('k1');
    expect(unnamed.request_id).toBe('1');
    expect(kitchen._links.self.href).toBe(`http://crm.example.org/api/v4/leads/${kitchen.id}`);

    const lead = await getLead(c, kitchen.id);
    assertLeadsMatchSpec('get', '/api/v4/leads/{id}', lead);
    expect(lead).toMatchObject({
      name: 'Кухонный гарнитур',
      price: 185000,
      pipeline_id: main.id,
      status_id: main.open[0]?.id,
      responsible_user_id: c.userId,
      created_by: c.userId,
      account_id: c.accountId,
      group_id: 0,
      is_deleted: false,
      closed_at: null,
      closest_task_at: null,
      loss_reason_id: null,
      score: null,
      labor_cost: null,
      custom_fields_values: null,
      _embedded: { tags: [], companies: [] },
    });
    expect(lead.status).toBeUndefined();
    expect((await getLead(c, unnamed.id)).name).toBe(`Сделка #${unnamed.id}`);

    const events = await eventsOf(kitchen.id);
    expect(events.map((e) => e.type)).toEqual(['deal.created']);
    expect(JSON.parse(events[0]?.value_after ?? '[]')).toEqual([
      {
        name: 'Кухонный гарнитур',
        price: 185000,
        responsible_user_id: c.userId,
        status_id: main.open[0]?.id,
        pipeline_id: main.id,
      },
    ]);
  });

  it('puts a deal into incoming leads only when asked, and won / lost through 142 / 143 with pipeline_id', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const other = (await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт' }])).json()._embedded
      .pipelines[0];
    const reasons = (await c.call('GET', '/api/v4/leads/loss_reasons')).json()._embedded.loss_reasons;
    const [incoming, won, lost, wonMain, otherFirst] = await createLeads(c, [
      { status_id: main.incoming.id },
      { status_id: 142, pipeline_id: other.id, closed_at: 1_700_000_000 },
      { status_id: 143, pipeline_id: other.id, loss_reason_id: reasons[0].id },
      { status_id: 142 },
      { pipeline_id: other.id },
    ]);
    expect((await getLead(c, incoming ?? 0)).status_id).toBe(main.incoming.id);
    expect(await getLead(c, won ?? 0)).toMatchObject({
      status_id: 142,
      pipeline_id: other.id,
      closed_at: 1_700_000_000,
    });
    const lostLead = await getLead(c, lost ?? 0, 'loss_reason');
    assertLeadsMatchSpec('get', '/api/v4/leads/{id}', lostLead);
    expect(lostLead).toMatchObject({ status_id: 143, pipeline_id: other.id, loss_reason_id: reasons[0].id });
    expect(lostLead.closed_at).toBeGreaterThan(0);
    expect(lostLead._embedded.loss_reason).toMatchObject({ id: reasons[0].id, name: 'Дорого' });
    expect(await getLead(c, wonMain ?? 0)).toMatchObject({ status_id: 142, pipeline_id: main.id });
    const firstOther = other._embedded.statuses.find(
      (s: { type: number; id: number }) => s.type === 0 && s.id > 1000,
    );
    expect(await getLead(c, otherFirst ?? 0)).toMatchObject({
      pipeline_id: other.id,
      status_id: firstOther.id,
    });
  });

  it('links existing contacts (main first) and a company, with fields and tags', async () => {
    const c = await signedInClient(t.app);
    const anna = await createContact(c, 'Анна');
    const boris = await createContact(c, 'Борис');
    const company = (await c.call('POST', '/api/v4/companies', [{ name: 'ООО Ромашка' }])).json()._embedded
      .companies[0].id;
    const field = (
      await c.call('POST', '/api/v4/leads/custom_fields', [{ name: 'Тип оплаты', type: 'text' }])
    ).json()._embedded.custom_fields[0].id;
    const [id] = await createLeads(c, [
      {
        name: 'Шкаф-купе',
        custom_fields_values: [{ field_id: field, values: [{ value: 'Рассрочка' }] }],
        _embedded: {
          contacts: [{ id: anna }, { id: boris, is_main: true }],
          companies: [{ id: company }],
          tags: [{ name: 'Сайт' }],
        },
        tags_to_add: [{ name: 'Повторный' }],
      },
    ]);
    const lead = await getLead(c, id ?? 0, 'contacts');
    assertLeadsMatchSpec('get', '/api/v4/leads/{id}', lead);
    expect(lead._embedded.contacts).toEqual([
      {
        id: boris,
        is_main: true,
        _links: { self: { href: `http://crm.example.org/api/v4/contacts/${boris}` } },
      },
      {
        id: anna,
        is_main: false,
        _links: { self: { href: `http://crm.example.org/api/v4/contacts/${anna}` } },
      },
    ]);
    expect(lead._embedded.companies).toMatchObject([{ id: company }]);
    expect(lead._embedded.tags).toMatchObject([{ name: 'Сайт' }, { name: 'Повторный' }]);
    expect(lead.custom_fields_values).toMatchObject([{ field_id: field, values: [{ value: 'Рассрочка' }] }]);
    const types = (await eventsOf(id ?? 0)).map((e) => e.type);
    expect(types.filter((x) => x === 'entity.linked')).toHaveLength(3);
    expect(types).toContain('entity.field_changed');
  });

  it('records a robot author (created_by 0) and checks every user named', async () => {
    const c = await signedInClient(t.app);
    const manager = await buildUser(t.database.db, c.accountId);
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const [id] = await createLeads(c, [{ name: 'С сайта', created_by: 0, responsible_user_id: manager.id }]);
    const lead = await getLead(c, id ?? 0);
    expect(lead).toMatchObject({ created_by: 0, responsible_user_id: manager.id });
    expect((await eventsOf(id ?? 0))[0]?.created_by).toBe(0);

    const before = await snapshot(c);
    const res = await c.call('POST', '/api/v4/leads', [
      { name: 'Чужой', responsible_user_id: other.user.id },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()['validation-errors'][0].errors).toEqual([
      expect.objectContaining({ path: 'responsible_user_id', code: 'NotFound' }),
    ]);
    expect(await snapshot(c)).toEqual(before);
  });

  it('refuses a status of another pipeline, unknown ids and foreign links, writing nothing', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const other = (await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт' }])).json()._embedded
      .pipelines[0];
    const stranger = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const strangerContact = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v4/contacts',
        headers: { authorization: `Bearer ${stranger.token}` },
        payload: [{ name: 'Чужой контакт' }],
      })
    ).json()._embedded.contacts[0].id;
    await createLeads(c, [{ name: 'Было' }]);
    const before = await snapshot(c);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status_id: main.open[0]?.id, pipeline_id: other.id }, 'status_id'],
      [{ status_id: 987654 }, 'status_id'],
      [{ pipeline_id: 987654 }, 'pipeline_id'],
      [{ status_id: 143, pipeline_id: main.id, loss_reason_id: 987654 }, 'loss_reason_id'],
      [{ _embedded: { contacts: [{ id: strangerContact }] } }, '_embedded.contacts.0.id'],
      [{ _embedded: { companies: [{ id: 987654 }] } }, '_embedded.companies.0.id'],
    ];
    for (const [item, path] of cases) {
      const res = await c.call('POST', '/api/v4/leads', [{ name: 'Хорошая' }, { name: 'Плохая', ...item }]);
      expect(res.statusCode, JSON.stringify(item)).toBe(400);
      const problem = res.json();
      expect(problem['validation-errors'][0].request_id).toBe('1');
      expect(problem['validation-errors'][0].errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await snapshot(c)).toEqual(before);
    }
    const badField = await c.call('POST', '/api/v4/leads', [
      { custom_fields_values: [{ field_id: 987654, values: [{ value: 'x' }] }] },
    ]);
    expect(badField.statusCode).toBe(400);
    expect(badField.json()['validation-errors'][0].errors[0].path).toBe('custom_fields_values.0.field_id');
    expect(await snapshot(c)).toEqual(before);

    const tooMany = await c.call(
      'POST',
      '/api/v4/leads',
      Array.from({ length: 251 }, () => ({})),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(await snapshot(c)).toEqual(before);
  });
});

describe('GET /api/v4/leads/{id}', () => {
  it("is 404 for another account's deal, which stays untouched", async () => {
    const c = await signedInClient(t.app);
    const [id] = await createLeads(c, [{ name: 'Моя сделка', price: 10 }]);
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const bearer = { authorization: `Bearer ${other.token}` };
    expect((await t.app.inject({ url: `/api/v4/leads/${id}`, headers: bearer })).statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v4/leads/${id}`,
      headers: bearer,
      payload: { price: 1 },
    });
    expect(patch.statusCode).toBe(404);
    const batch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v4/leads',
      headers: bearer,
      payload: [{ id, price: 1 }],
    });
    expect(batch.statusCode).toBe(400);
    expect(batch.json()['validation-errors'][0].errors[0]).toMatchObject({ path: 'id', code: 'NotFound' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v4/leads/${id}`, headers: bearer });
    expect(del.statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v4/leads', headers: bearer });
    expect(list.statusCode).toBe(204);
    expect(await getLead(c, id ?? 0)).toMatchObject({ price: 10, is_deleted: false });
  });
});
