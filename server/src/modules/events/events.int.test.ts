import { timelineSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildContact } from '../../test/crm-factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, insertDeal, validationErrors, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

/**
 * The reference spec types an event's value_before / value_after as objects; amoCRM answers
 * arrays of items (`[{ "lead_status": { "id": 142, ... } }]`, as its documentation and its
 * clients read them), and so do we. Everything else is checked against the spec as it stands;
 * the arrays are asserted separately below.
 */
function specView<T>(body: T): T {
  const swap = (e: Record<string, unknown>) => ({ ...e, value_before: {}, value_after: {} });
  const b = body as Record<string, unknown> & { _embedded?: { events?: Array<Record<string, unknown>> } };
  if (b._embedded?.events)
    return { ...b, _embedded: { ...b._embedded, events: b._embedded.events.map(swap) } } as T;
  return swap(b) as T;
}

type Ev = {
  id: number;
  type: string;
  entity_type: string;
  entity_id: number;
  _embedded: { entity: { name?: string } };
};

describe('/api/v4/events', () => {
  it('lists, filters and reads the events of changes made through the API', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    await t.database.db
      .updateTable('deals')
      .set({ name: 'Кухня на заказ' })
      .where('id', '=', dealId)
      .execute();
    const contact = await buildContact(t.database.db, api.accountId);
    const till = Math.floor(Date.now() / 1000) + 3600;
    const task = (
      await api.call('POST', '/api/v4/tasks', [
        { text: 'Позвонить', complete_till: till, entity_type: 'leads', entity_id: dealId },
      ])
    ).json()._embedded.tasks[0];
    await api.call('PATCH', `/api/v4/tasks/${task.id}`, { text: 'Перезвонить' });
    await api.call('PATCH', `/api/v4/tasks/${task.id}`, { is_completed: true });
    await api.call('POST', '/api/v4/leads/notes', [
      {
        entity_id: dealId,
        note_type: 'call_out',
        params: { uniq: 'u', duration: 5, source: 's', phone: '1' },
      },
    ]);
    await api.call('POST', `/api/v4/leads/${dealId}/link`, [
      { to_entity_type: 'contacts', to_entity_id: contact.id },
    ]);

    const all = await api.call('GET', '/api/v4/events');
    expect(all.statusCode, all.body).toBe(200);
    assertMatchesSpec('get', '/api/v4/events', 200, specView(all.json()));
    for (const e of all.json()._embedded.events) {
      expect(Array.isArray(e.value_after) && Array.isArray(e.value_before)).toBe(true);
    }
    expect(all.json()._embedded.events.map((e: Ev) => `${e.type}/${e.entity_type}`)).toEqual([
      'entity_linked/contact',
      'entity_linked/lead',
      'outgoing_call/lead',
      'task_completed/task',
      'task_text_changed/task',
      'task_added/task',
    ]);

    const tasks = await api.call(
      'GET',
      '/api/v4/events?filter[type][]=task_added&filter[type][]=task_completed',
    );
    expect(tasks.json()._embedded.events.map((e: Ev) => e.type)).toEqual(['task_completed', 'task_added']);
    const ofDeal = await api.call(
      `GET`,
      `/api/v4/events?filter[entity]=lead&filter[entity_id][]=${dealId}&with=lead_name`,
    );
    const dealEvents: Ev[] = ofDeal.json()._embedded.events;
    expect(dealEvents.map((e) => e.type)).toEqual(['entity_linked', 'outgoing_call']);
    expect(dealEvents[0]?._embedded.entity.name).toBe('Кухня на заказ');
    expect((await api.call('GET', `/api/v4/events?filter[created_by][]=0`)).statusCode).toBe(204);
    const page = await api.call('GET', '/api/v4/events?limit=2&page=2');
    expect(page.json()._embedded.events).toHaveLength(2);
    expect(page.json()._links.prev.href).toContain('page=1');

    const id = dealEvents[0]?.id;
    const one = await api.call('GET', `/api/v4/events/${id}`);
    assertMatchesSpec('get', '/api/v4/events/{id}', 200, specView(one.json()));
    expect(one.json()).toMatchObject({
      id,
      type: 'entity_linked',
      entity_id: dealId,
      created_by: api.userId,
      value_after: [{ link: { entity: { type: 'contact', id: contact.id } } }],
    });

    const types = await api.call('GET', '/api/v4/events/types?language_code=en');
    assertMatchesSpec('get', '/api/v4/events/types', 200, types.json());
    expect(types.json()._embedded.events_types).toContainEqual({
      key: 'lead_status_changed',
      type: 9,
      lang: 'Lead status changed',
    });

    // The deal card's feed merges events, notes and tasks, newest first, in pages.
    const feed = async (cursor?: string) =>
      timelineSchema.parse(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/app/timeline?entity_type=leads&entity_id=${dealId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            headers: { cookie: api.admin.cookie },
          })
        ).json(),
      );
    const first = await feed();
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = await feed(first.next_cursor ?? undefined);
    const kinds = [...first.items, ...second.items].map((i) => i.kind).sort();
    expect(kinds).toEqual(['event', 'note', 'task']);
    expect(second.next_cursor).toBeNull();
  });

  it("refuses bad filters and never shows another account's events", async () => {
    const other = await api.other();
    const till = Math.floor(Date.now() / 1000) + 3600;
    await other.call('POST', '/api/v4/tasks', [{ text: 'Их задача', complete_till: till }]);
    const theirs = await other.call('GET', '/api/v4/events');
    const theirId = theirs.json()._embedded.events[0].id;
    expect((await api.call('GET', '/api/v4/events')).statusCode).toBe(204);
    expect((await api.call('GET', `/api/v4/events/${theirId}`)).statusCode).toBe(404);
    const bad = await api.call('GET', '/api/v4/events?filter[id]=abc');
    expect(bad.statusCode).toBe(400);
    expect(validationErrors(bad.json())[0]?.path).toContain('filter');
    expect((await api.call('GET', '/api/v4/events?limit=101')).statusCode).toBe(400);
    const timeline = await t.app.inject({
      method: 'GET',
      url: '/api/app/timeline?entity_type=leads&entity_id=1&cursor=garbage',
      headers: { cookie: api.admin.cookie },
    });
    expect(timeline.statusCode).toBe(400);
  });
});
