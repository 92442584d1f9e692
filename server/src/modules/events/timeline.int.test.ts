import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { apiClient, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

type Feed = { pinned: unknown[]; items: Array<{ kind: string }>; next_cursor: string | null };

describe('GET /api/app/timeline?kind=', () => {
  it('pages through one kind of item only, and 400s on an unknown kind', async () => {
    const deal = (await api.call('POST', '/api/v4/leads', [{ name: 'Sofa' }])).json()._embedded.leads[0].id;
    for (const text of ['one', 'two', 'three']) {
      const res = await api.call('POST', `/api/v4/leads/${deal}/notes`, [
        { note_type: 'common', params: { text } },
      ]);
      expect(res.statusCode, res.body).toBe(200);
    }
    await api.call('POST', '/api/v4/tasks', [
      { text: 'call', complete_till: nowSeconds() + 3600, entity_type: 'leads', entity_id: deal },
    ]);
    await api.call('PATCH', `/api/v4/leads/${deal}`, { name: 'Sofa, grey' });
    const feed = async (query: string): Promise<Feed> => {
      const res = await api.call('GET', `/api/app/timeline?entity_type=leads&entity_id=${deal}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    const first = await feed('kind=note&limit=2');
    expect(first.items.map((i) => i.kind)).toEqual(['note', 'note']);
    expect(first.next_cursor).not.toBeNull();
    const second = await feed(`kind=note&limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((i) => i.kind)).toEqual(['note']);
    expect(second.next_cursor).toBeNull();

    expect((await feed('kind=task')).items.map((i) => i.kind)).toEqual(['task']);
    const events = await feed('kind=event');
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((i) => i.kind === 'event')).toBe(true);
    expect(events.pinned).toEqual([]);

    const all = await feed('limit=100');
    expect(new Set(all.items.map((i) => i.kind))).toEqual(new Set(['note', 'task', 'event']));

    const bad = await api.call('GET', `/api/app/timeline?entity_type=leads&entity_id=${deal}&kind=email`);
    expect(bad.statusCode).toBe(400);
  });
});
