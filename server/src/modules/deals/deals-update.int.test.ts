import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  assertLeadsMatchSpec,
  countRows,
  createLeads,
  getLead,
  mainPipeline,
  signedInClient,
} from './deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const eventsOf = async (dealId: number, type?: string) => {
  let q = t.database.db
    .selectFrom('events')
    .select(['type', 'value_before', 'value_after'])
    .where('entity_type', '=', 'leads')
    .where('entity_id', '=', dealId);
  if (type) q = q.where('type', '=', type);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    type: r.type,
    before: JSON.parse(r.value_before),
    after: JSON.parse(r.value_after),
  }));
};

const stageEnteredAt = async (id: number) =>
  (
    await t.database.db
      .selectFrom('deals')
      .select('stage_entered_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).stage_entered_at;

describe('PATCH /api/v4/leads/{id}', () => {
  it('renames, reprices, reassigns and moves a deal, one event per change', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const manager = await buildUser(t.database.db, c.accountId);
    const [id = 0] = await createLeads(c, [{ name: 'Диван', price: 50000 }]);
    await t.database.db.updateTable('deals').set({ stage_entered_at: 1000 }).where('id', '=', id).execute();
    const next = main.open[1];
    const res = await c.call('PATCH', `/api/v4/leads/${id}`, {
      name: 'Диван угловой',
      price: 62000,
      responsible_user_id: manager.id,
      status_id: next?.id,
    });
    expect(res.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/leads/{id}', 200, res.json());
    expect(res.json()).toMatchObject({
      id,
      _links: { self: { href: `http://crm.example.org/api/v4/leads/${id}` } },
    });
    const lead = await getLead(c, id);
    expect(lead).toMatchObject({
      name: 'Диван угловой',
      price: 62000,
      responsible_user_id: manager.id,
      status_id: next?.id,
    });
    expect(await stageEnteredAt(id)).toBeGreaterThan(1000);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual([
      'deal.created',
      'deal.name_changed',
      'deal.price_changed',
      'entity.responsible_changed',
      'deal.stage_changed',
    ]);
    expect(events[4]).toMatchObject({
      before: [{ status_id: main.open[0]?.id, pipeline_id: main.id }],
      after: [{ status_id: next?.id, pipeline_id: main.id }],
    });

    // Sending the same values again changes nothing worth an event.
    await c.call('PATCH', `/api/v4/leads/${id}`, { name: 'Диван угловой', price: 62000 });
    expect(await eventsOf(id)).toHaveLength(5);
  });

  it('closes with 142 / 143 (+ pipeline_id), keeps the loss reason, and reopening clears both', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const reasons = (await c.call('GET', '/api/v4/leads/loss_reasons')).json()._embedded.loss_reasons;
    const [id = 0] = await createLeads(c, [{ name: 'Кресло' }]);

    await c.call('PATCH', `/api/v4/leads/${id}`, {
      status_id: 143,
      pipeline_id: main.id,
      loss_reason_id: reasons[1].id,
    });
    let lead = await getLead(c, id, 'loss_reason');
    expect(lead).toMatchObject({ status_id: 143, pipeline_id: main.id, loss_reason_id: reasons[1].id });
    expect(lead.closed_at).toBeGreaterThan(0);
    expect(lead._embedded.loss_reason).toMatchObject({ id: reasons[1].id });
    expect((await eventsOf(id, 'deal.stage_changed'))[0]?.after).toEqual([
      { status_id: 143, pipeline_id: main.id },
    ]);

    await c.call('PATCH', `/api/v4/leads/${id}`, { status_id: 142 });
    lead = await getLead(c, id);
    expect(lead).toMatchObject({ status_id: 142, pipeline_id: main.id, loss_reason_id: null });

    await c.call('PATCH', `/api/v4/leads/${id}`, { status_id: main.open[2]?.id });
    lead = await getLead(c, id);
    expect(lead).toMatchObject({ status_id: main.open[2]?.id, closed_at: null, loss_reason_id: null });
    expect((await eventsOf(id, 'deal.stage_changed')).map((e) => e.after[0].status_id)).toEqual([
      143,
      142,
      main.open[2]?.id,
    ]);
  });

  it('moves a deal to another pipeline: its first open stage, or the status named there', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const other = (
      await c.call('POST', '/api/v4/leads/pipelines', [
        { name: 'Опт', _embedded: { statuses: [{ name: 'Запрос прайса' }, { name: 'Отгрузка' }] } },
      ])
    ).json()._embedded.pipelines[0];
    const [price, shipping] = other._embedded.statuses.filter(
      (s: { type: number; id: number }) => s.type === 0 && s.id > 1000,
    );
    const [a = 0, b = 0] = await createLeads(c, [{ name: 'A' }, { name: 'B' }]);
    await c.call('PATCH', `/api/v4/leads/${a}`, { pipeline_id: other.id });
    expect(await getLead(c, a)).toMatchObject({ pipeline_id: other.id, status_id: price.id });
    await c.call('PATCH', `/api/v4/leads/${b}`, { status_id: shipping.id });
    expect(await getLead(c, b)).toMatchObject({ pipeline_id: other.id, status_id: shipping.id });
    expect((await eventsOf(b, 'deal.stage_changed'))[0]).toMatchObject({
      before: [{ pipeline_id: main.id }],
      after: [{ status_id: shipping.id, pipeline_id: other.id }],
    });
  });

  it('refuses a status of another pipeline and leaves the deal as it was', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const other = (await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт' }])).json()._embedded
      .pipelines[0];
    const [id = 0] = await createLeads(c, [{ name: 'Стол', price: 7 }]);
    const eventsBefore = await countRows(t.database.db, 'events', c.accountId);
    const res = await c.call('PATCH', `/api/v4/leads/${id}`, {
      name: 'Стол!',
      status_id: main.open[1]?.id,
      pipeline_id: other.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()['validation-errors'][0].errors).toEqual([
      expect.objectContaining({ path: 'status_id', code: 'NotSupportedChoice' }),
    ]);
    expect(await getLead(c, id)).toMatchObject({ name: 'Стол', status_id: main.open[0]?.id });
    expect(await countRows(t.database.db, 'events', c.accountId)).toBe(eventsBefore);
    expect((await c.call('PATCH', '/api/v4/leads/987654', { price: 1 })).statusCode).toBe(404);
  });

  it('replaces, adds and removes tags, and links contacts and a company', async () => {
    const c = await signedInClient(t.app);
    const [id = 0] = await createLeads(c, [{ name: 'Тумба', _embedded: { tags: [{ name: 'Старый' }] } }]);
    const contact = (await c.call('POST', '/api/v4/contacts', [{ name: 'Ира' }])).json()._embedded.contacts[0]
      .id;
    const company = (await c.call('POST', '/api/v4/companies', [{ name: 'ИП Иванов' }])).json()._embedded
      .companies[0].id;
    await c.call('PATCH', `/api/v4/leads/${id}`, {
      _embedded: { tags: [{ name: 'Новый' }], contacts: [{ id: contact }], companies: [{ id: company }] },
    });
    let lead = await getLead(c, id, 'contacts');
    expect(lead._embedded.tags).toMatchObject([{ name: 'Новый' }]);
    expect(lead._embedded.contacts).toMatchObject([{ id: contact, is_main: true }]);
    expect(lead._embedded.companies).toMatchObject([{ id: company }]);
    await c.call('PATCH', `/api/v4/leads/${id}`, {
      tags_to_add: [{ name: 'Срочно' }],
      tags_to_delete: [{ name: 'Новый' }],
    });
    lead = await getLead(c, id);
    expect(lead._embedded.tags).toMatchObject([{ name: 'Срочно' }]);
    await c.call('PATCH', `/api/v4/leads/${id}`, { _embedded: { tags: null, companies: [] } });
    lead = await getLead(c, id);
    expect(lead._embedded).toMatchObject({ tags: [], companies: [] });
  });
});

describe('PATCH /api/v4/leads', () => {
  it('updates a batch in one transaction, echoing request_id; one bad item writes nothing', async () => {
    const c = await signedInClient(t.app);
    const [a = 0, b = 0] = await createLeads(c, [
      { name: 'A', price: 1 },
      { name: 'B', price: 2 },
    ]);
    const res = await c.call('PATCH', '/api/v4/leads', [
      { id: a, price: 10, request_id: 'first' },
      { id: b, price: 20 },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('patch', '/api/v4/leads', 200, body);
    expect(body._embedded.leads).toMatchObject([
      { id: a, request_id: 'first' },
      { id: b, request_id: '1' },
    ]);
    expect(body._embedded.leads[0].updated_at).toBeGreaterThan(0);

    const bad = await c.call('PATCH', '/api/v4/leads', [
      { id: a, price: 100 },
      { id: b, status_id: 987654 },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()['validation-errors'][0]).toMatchObject({
      request_id: '1',
      errors: [{ path: 'status_id' }],
    });
    expect((await getLead(c, a)).price).toBe(10);
  });
});

describe('DELETE /api/v4/leads/{id} and restore', () => {
  it('moves a deal to the trash and back', async () => {
    const c = await signedInClient(t.app);
    const [keep = 0, gone = 0] = await createLeads(c, [{ name: 'Остаётся' }, { name: 'Удаляется' }]);
    expect((await c.call('DELETE', `/api/v4/leads/${gone}`)).statusCode).toBe(204);
    expect((await c.call('GET', `/api/v4/leads/${gone}`)).statusCode).toBe(404);
    const live = await c.call('GET', '/api/v4/leads');
    expect(live.json()._embedded.leads.map((l: { id: number }) => l.id)).toEqual([keep]);
    const trash = await c.call('GET', '/api/v4/leads?with=only_deleted');
    expect(trash.json()._embedded.leads).toMatchObject([{ id: gone, is_deleted: true }]);
    expect((await c.call('GET', `/api/v4/leads/${gone}?with=only_deleted`)).json().is_deleted).toBe(true);
    expect((await c.call('PATCH', `/api/v4/leads/${gone}`, { price: 1 })).statusCode).toBe(404);

    const restored = await c.call('POST', `/api/app/deals/${gone}/restore`);
    expect(restored.statusCode).toBe(200);
    assertLeadsMatchSpec('get', '/api/v4/leads/{id}', restored.json());
    expect(restored.json()).toMatchObject({ id: gone, is_deleted: false });
    expect((await c.call('POST', `/api/app/deals/${gone}/restore`)).statusCode).toBe(404);
    expect((await eventsOf(gone)).map((e) => e.type)).toEqual([
      'deal.created',
      'deal.deleted',
      'deal.restored',
    ]);
  });
});
