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

const DAY = 86_400;
const texts = (body: { items: Array<{ text: string }> }) => body.items.map((i) => i.text);

describe('GET /api/app/tasks: type and due window (the tasks page and its calendar)', () => {
  it('filters by task type and by a due window, completed tasks included in the window', async () => {
    const now = nowSeconds();
    const created = await api.call('POST', '/api/v4/tasks', [
      { text: 'call yesterday', complete_till: now - DAY, task_type_id: 1 },
      { text: 'meet in 2 days', complete_till: now + 2 * DAY, task_type_id: 2 },
      { text: 'call in 3 days', complete_till: now + 3 * DAY, task_type_id: 1 },
      { text: 'call in 20 days', complete_till: now + 20 * DAY, task_type_id: 1 },
    ]);
    expect(created.statusCode, created.body).toBe(200);
    const ids: number[] = created.json()._embedded.tasks.map((x: { id: number }) => x.id);
    const done = await api.call('POST', `/api/app/tasks/${ids[2]}/complete`, { result_text: 'ok' });
    expect(done.statusCode, done.body).toBe(200);

    const calls = await api.call('GET', '/api/app/tasks?task_type_id=1');
    expect(texts(calls.json())).toEqual(['call yesterday', 'call in 3 days', 'call in 20 days']);

    const meetings = await api.call('GET', '/api/app/tasks?state=upcoming&task_type_id=2');
    expect(texts(meetings.json())).toEqual(['meet in 2 days']);

    const week = await api.call('GET', `/api/app/tasks?due_from=${now}&due_to=${now + 7 * DAY}`);
    expect(texts(week.json())).toEqual(['meet in 2 days', 'call in 3 days']);
    expect(week.json().items[1]).toMatchObject({ is_completed: true, result_text: 'ok', state: 'completed' });

    // A window inside a state keeps both bounds: upcoming (from the end of today) up to 5 days out.
    const soon = await api.call('GET', `/api/app/tasks?state=upcoming&due_to=${now + 5 * DAY}`);
    expect(texts(soon.json())).toEqual(['meet in 2 days']);

    const bad = await api.call('GET', '/api/app/tasks?due_from=yesterday');
    expect(bad.statusCode).toBe(400);
  });

  it('does not show another account its tasks', async () => {
    await api.call('POST', '/api/v4/tasks', [{ text: 'mine', complete_till: nowSeconds() + DAY }]);
    const other = await api.other();
    const theirs = await other.call('GET', `/api/app/tasks?due_from=0&due_to=${nowSeconds() + 30 * DAY}`);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().items).toEqual([]);
  });
});
