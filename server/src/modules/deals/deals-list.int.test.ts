import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import {
  assertLeadsMatchSpec,
  createLeads,
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

async function ids(c: Client, query: string): Promise<number[]> {
  const res = await c.call('GET', `/api/v4/leads?${query}`);
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  assertLeadsMatchSpec('get', '/api/v4/leads', res.json());
  return res.json()._embedded.leads.map((l: { id: number }) => l.id);
}

describe('GET /api/v4/leads', () => {
  it('pages with absolute next / prev links, and answers 204 past the end', async () => {
    const c = await signedInClient(t.app);
    const created = await createLeads(
      c,
      Array.from({ length: 5 }, (_, i) => ({ name: `Сделка ${i + 1}` })),
    );
    const first = await c.call('GET', '/api/v4/leads?limit=2');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    assertLeadsMatchSpec('get', '/api/v4/leads', body);
    expect(body._page).toBe(1);
    expect(body._embedded.leads.map((l: { id: number }) => l.id)).toEqual(created.slice(0, 2));
    expect(body._links.self.href).toBe('http://crm.example.org/api/v4/leads?limit=2&page=1');
    expect(body._links.next.href).toBe('http://crm.example.org/api/v4/leads?limit=2&page=2');
    expect(body._links.prev).toBeUndefined();

    const last = (await c.call('GET', '/api/v4/leads?limit=2&page=3')).json();
    expect(last._embedded.leads.map((l: { id: number }) => l.id)).toEqual(created.slice(4));
    expect(last._links.prev.href).toBe('http://crm.example.org/api/v4/leads?limit=2&page=2');
    expect(last._links.next).toBeUndefined();

    const past = await c.call('GET', '/api/v4/leads?limit=2&page=4');
    expect(past.statusCode).toBe(204);
    expect(past.body).toBe('');
    expect((await c.call('GET', '/api/v4/leads?limit=251')).statusCode).toBe(400);
  });

  it('filters by statuses (142 / 143 with pipeline_id), pipeline, id, name, price and people', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const other = (await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт' }])).json()._embedded
      .pipelines[0];
    const manager = await buildUser(t.database.db, c.accountId);
    const [open, wonMain, lostMain, wonOther, cheap] = await createLeads(c, [
      { name: 'Открытая', price: 500 },
      { name: 'Выиграна', price: 1000, status_id: 142, pipeline_id: main.id },
      { name: 'Проиграна', price: 2000, status_id: 143, pipeline_id: main.id },
      {
        name: 'Выиграна в опте',
        price: 3000,
        status_id: 142,
        pipeline_id: other.id,
        responsible_user_id: manager.id,
      },
      { name: 'Дешёвая', price: 10, created_by: 0 },
    ]);
    expect(
      await ids(c, `filter[statuses][0][pipeline_id]=${main.id}&filter[statuses][0][status_id]=142`),
    ).toEqual([wonMain]);
    expect(
      await ids(
        c,
        `filter[statuses][0][pipeline_id]=${main.id}&filter[statuses][0][status_id]=143&filter[statuses][1][pipeline_id]=${other.id}&filter[statuses][1][status_id]=142`,
      ),
    ).toEqual([lostMain, wonOther]);
    expect(await ids(c, 'filter[statuses][0][status_id]=142')).toEqual([wonMain, wonOther]);
    expect(await ids(c, `filter[statuses][0][status_id]=${main.open[0]?.id}`)).toEqual([open, cheap]);
    expect(await ids(c, `filter[pipeline_id][]=${other.id}`)).toEqual([wonOther]);
    expect(
      await ids(c, `filter[pipeline_id]=${main.id}&filter[id][]=${open}&filter[id][]=${wonOther}`),
    ).toEqual([open]);
    expect(await ids(c, 'filter[name]=выиграна')).toEqual([wonMain]);
    expect(await ids(c, 'filter[price][from]=1000&filter[price][to]=2000')).toEqual([wonMain, lostMain]);
    expect(await ids(c, `filter[responsible_user_id][]=${manager.id}`)).toEqual([wonOther]);
    expect(await ids(c, 'filter[created_by][]=0')).toEqual([cheap]);
    expect(await ids(c, `filter[updated_by]=${c.userId}&filter[price][to]=600`)).toEqual([open]);
    expect(await ids(c, 'filter[statuses][0][status_id]=987654')).toEqual([]);
    expect((await c.call('GET', '/api/v4/leads?filter[price][from]=abc')).statusCode).toBe(400);
  });

  it('filters by date ranges and orders by them', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const day = 86_400;
    const t0 = 1_700_000_000;
    const [old, mid, fresh] = await createLeads(c, [
      { name: 'Старая', created_at: t0, status_id: 142, pipeline_id: main.id, closed_at: t0 + day },
      { name: 'Средняя', created_at: t0 + 10 * day },
      {
        name: 'Свежая',
        created_at: t0 + 20 * day,
        status_id: 143,
        pipeline_id: main.id,
        closed_at: t0 + 21 * day,
      },
    ]);
    expect(
      await ids(c, `filter[created_at][from]=${t0 + day}&filter[created_at][to]=${t0 + 15 * day}`),
    ).toEqual([mid]);
    expect(await ids(c, `filter[created_at][to]=${t0 + 15 * day}`)).toEqual([old, mid]);
    expect(await ids(c, `filter[closed_at][from]=${t0}&filter[closed_at][to]=${t0 + 2 * day}`)).toEqual([
      old,
    ]);
    expect(await ids(c, `filter[updated_at][from]=${t0 + 19 * day}`)).toEqual([fresh]);
    expect(await ids(c, 'order[created_at]=desc')).toEqual([fresh, mid, old]);
    expect(await ids(c, 'order[id]=desc&limit=2')).toEqual([fresh, mid]);
    await t.database.db
      .updateTable('deals')
      .set({ closest_task_at: t0 + 5 * day })
      .where('id', '=', mid ?? 0)
      .execute();
    expect(
      await ids(c, `filter[closest_task_at][from]=${t0}&filter[closest_task_at][to]=${t0 + 6 * day}`),
    ).toEqual([mid]);
  });

  it('searches names, field values, and contacts by name, phone in any format and e-mail', async () => {
    const c = await signedInClient(t.app);
    const contacts = (
      await c.call('POST', '/api/v4/contacts', [
        {
          name: 'Ольга Смирнова',
          custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 (912) 345-67-89' }] }],
        },
        {
          name: 'Пётр',
          custom_fields_values: [{ field_code: 'EMAIL', values: [{ value: 'Petr@Example.com' }] }],
        },
      ])
    ).json()._embedded.contacts;
    const [kitchen, wardrobe, sofa, plain] = await createLeads(c, [
      { name: 'Кухня на заказ' },
      { name: 'Шкаф', _embedded: { contacts: [{ id: contacts[0].id }] } },
      { name: 'Диван', _embedded: { contacts: [{ id: contacts[1].id }] } },
      { name: 'Без контакта 100%' },
    ]);
    expect(await ids(c, `query=${encodeURIComponent('КУХНЯ')}`)).toEqual([kitchen]);
    expect(await ids(c, `query=${encodeURIComponent('89123456789')}`)).toEqual([wardrobe]);
    expect(await ids(c, `query=${encodeURIComponent('petr@example.COM')}`)).toEqual([sofa]);
    expect(await ids(c, `query=${encodeURIComponent('смирнова')}`)).toEqual([wardrobe]);
    expect(await ids(c, `query=${encodeURIComponent('100%')}`)).toEqual([plain]);
    expect(await ids(c, `query=${encodeURIComponent('%')}`)).toEqual([plain]);
    expect(await ids(c, `query=${sofa}`)).toEqual([sofa]);
    expect(await ids(c, 'query=ничего')).toEqual([]);

    const withContacts = await c.call('GET', `/api/v4/leads?with=contacts&filter[id]=${wardrobe}`);
    expect(withContacts.json()._embedded.leads[0]._embedded.contacts).toMatchObject([
      { id: contacts[0].id, is_main: true },
    ]);
    const plainList = await c.call('GET', `/api/v4/leads?filter[id]=${wardrobe}`);
    expect(plainList.json()._embedded.leads[0]._embedded.contacts).toBeUndefined();
  });

  it('adds what with= asks for', async () => {
    const c = await signedInClient(t.app);
    await createLeads(c, [{ name: 'X', price: 5 }]);
    const res = await c.call(
      'GET',
      '/api/v4/leads?with=contacts,loss_reason,catalog_elements,is_price_modified_by_robot,source_id',
    );
    const [lead] = res.json()._embedded.leads;
    assertLeadsMatchSpec('get', '/api/v4/leads', res.json());
    expect(lead).toMatchObject({ is_price_modified_by_robot: false, source_id: null });
    expect(lead._embedded).toMatchObject({ contacts: [], catalog_elements: [], tags: [], companies: [] });
  });
});
