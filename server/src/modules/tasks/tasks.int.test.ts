import { appTaskListSchema, appTaskSchema, taskTypeSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  apiClient,
  countRows,
  eventsOf,
  insertDeal,
  validationErrors,
  type ApiClient,
} from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const taskCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const closestTaskAt = async (dealId: number) =>
  (
    await t.database.db
      .selectFrom('deals')
      .select('closest_task_at')
      .where('id', '=', dealId)
      .executeTakeFirstOrThrow()
  ).closest_task_at;

describe('/api/v4/tasks', () => {
  it('creates, reads, lists, edits and completes tasks, writing events and the closest task time', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const soon = now() + 2 * HOUR;
    const later = now() + 48 * HOUR;
    const created = await api.call('POST', '/api/v4/tasks', [
      {
        text: 'Позвонить клиенту',
        complete_till: later,
        entity_type: 'leads',
        entity_id: dealId,
        request_id: 'call',
      },
      {
        text: 'Встреча',
        complete_till: soon,
        task_type_id: 2,
        entity_type: 'leads',
        entity_id: dealId,
        duration: 1800,
      },
      { text: 'Без сделки', complete_till: later },
    ]);
    expect(created.statusCode, created.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/tasks', 200, created.json());
    const [call, meeting, loose] = created.json()._embedded.tasks;
    expect(call.request_id).toBe('call');
    expect(meeting.request_id).toBe('1');
    expect(call._links.self.href).toBe(`http://crm.test/api/v4/tasks/${call.id}`);
    expect(await closestTaskAt(dealId)).toBe(soon);

    const one = await api.call('GET', `/api/v4/tasks/${meeting.id}`);
    assertMatchesSpec('get', '/api/v4/tasks/{id}', 200, one.json());
    expect(one.json()).toMatchObject({
      text: 'Встреча',
      task_type_id: 2,
      duration: 1800,
      entity_type: 'leads',
      entity_id: dealId,
      responsible_user_id: api.userId,
      created_by: api.userId,
      is_completed: false,
      complete_till: soon,
      account_id: api.accountId,
    });
    const looseTask = (await api.call('GET', `/api/v4/tasks/${loose.id}`)).json();
    expect(looseTask.task_type_id).toBe(1);
    expect('entity_id' in looseTask).toBe(false);

    const list = await api.call(
      'GET',
      `/api/v4/tasks?filter[entity_type]=leads&filter[entity_id][]=${dealId}&order[complete_till]=asc`,
    );
    assertMatchesSpec('get', '/api/v4/tasks', 200, list.json());
    expect(list.json()._embedded.tasks.map((x: { id: number }) => x.id)).toEqual([meeting.id, call.id]);
    const paged = await api.call('GET', '/api/v4/tasks?limit=2');
    expect(paged.json()._embedded.tasks).toHaveLength(2);
    expect(paged.json()._links.next.href).toContain('page=2');

    const edited = await api.call('PATCH', `/api/v4/tasks/${call.id}`, {
      text: 'Перезвонить',
      complete_till: soon - HOUR,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: call.id });
    expect(await closestTaskAt(dealId)).toBe(soon - HOUR);

    const done = await api.call('PATCH', '/api/v4/tasks', [
      { id: call.id, is_completed: true, result: { text: 'Договорились о встрече' } },
      { id: meeting.id, is_completed: true },
    ]);
    expect(done.statusCode, done.body).toBe(200);
    assertMatchesSpec('patch', '/api/v4/tasks', 200, done.json());
    expect(await closestTaskAt(dealId)).toBeNull();
    const completed = (await api.call('GET', `/api/v4/tasks/${call.id}`)).json();
    expect(completed).toMatchObject({ is_completed: true, result: { text: 'Договорились о встрече' } });
    const open = await api.call('GET', '/api/v4/tasks?filter[is_completed]=0');
    expect(open.json()._embedded.tasks.map((x: { id: number }) => x.id)).toEqual([loose.id]);

    const events = await eventsOf(t.database.db, api.accountId, 'tasks', call.id);
    expect(events.map((e) => e.type)).toEqual([
      'task.added',
      'task.changed',
      'task.changed',
      'task.completed',
    ]);
    expect(events[1]?.after).toEqual([{ task: { text: 'Перезвонить' } }]);
    expect(events.every((e) => e.created_by === api.userId)).toBe(true);
    expect((await eventsOf(t.database.db, api.accountId, 'tasks', meeting.id)).map((e) => e.type)).toEqual([
      'task.added',
      'task.completed',
    ]);
  });

  it('refuses bad input, naming the path, and changes nothing', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const other = await api.other();
    const theirDeal = await insertDeal(t.database.db, other.account.id);
    const theirUser = other.user.id;
    const inactive = await buildUser(t.database.db, api.accountId);
    await t.database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', inactive.id).execute();
    const till = now() + HOUR;
    const events = await countRows(t.database.db, 'events');

    const wrongType = await api.call('POST', '/api/v4/tasks', [
      { text: 'ok', complete_till: till },
      { text: 5, complete_till: till },
    ]);
    expect(wrongType.statusCode).toBe(400);
    expect(validationErrors(wrongType.json()).map((e) => e.path)).toContain('1.text');

    const refs = await api.call('POST', '/api/v4/tasks', [
      { text: 'a', complete_till: till, entity_type: 'leads', entity_id: dealId },
      {
        text: 'b',
        complete_till: till,
        entity_type: 'leads',
        entity_id: theirDeal.dealId,
        request_id: 'foreign',
      },
      { text: 'c', complete_till: till, responsible_user_id: theirUser },
      { text: 'd', complete_till: till, responsible_user_id: inactive.id },
      { text: 'e', complete_till: till, task_type_id: 999 },
    ]);
    expect(refs.statusCode).toBe(400);
    const body = refs.json()['validation-errors'];
    expect(body).toEqual(
      expect.arrayContaining([
        { request_id: 'foreign', errors: [expect.objectContaining({ code: 'NotFound', path: 'entity_id' })] },
        {
          request_id: '2',
          errors: [expect.objectContaining({ code: 'NotFound', path: 'responsible_user_id' })],
        },
        {
          request_id: '3',
          errors: [expect.objectContaining({ code: 'NotFound', path: 'responsible_user_id' })],
        },
        { request_id: '4', errors: [expect.objectContaining({ code: 'NotFound', path: 'task_type_id' })] },
      ]),
    );
    const half = await api.call('POST', '/api/v4/tasks', [
      { text: 'f', complete_till: till, entity_type: 'leads' },
    ]);
    expect(validationErrors(half.json()).map((e) => e.path)).toEqual(['0.entity_id']);

    const tooMany = await api.call(
      'POST',
      '/api/v4/tasks',
      Array.from({ length: 251 }, () => ({ text: 'x', complete_till: till })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(await taskCount()).toBe(0);

    const theirs = (
      await other.call('POST', '/api/v4/tasks', [{ text: 'Их задача', complete_till: till }])
    ).json()._embedded.tasks[0];
    expect((await api.call('GET', `/api/v4/tasks/${theirs.id}`)).statusCode).toBe(404);
    expect((await api.call('PATCH', `/api/v4/tasks/${theirs.id}`, { text: 'mine' })).statusCode).toBe(404);
    const batch = await api.call('PATCH', '/api/v4/tasks', [{ id: theirs.id, is_completed: true }]);
    expect(batch.statusCode).toBe(400);
    expect(batch.json()['validation-errors'][0].errors[0]).toMatchObject({ code: 'NotFound', path: 'id' });
    expect((await other.call('GET', `/api/v4/tasks/${theirs.id}`)).json()).toMatchObject({
      text: 'Их задача',
      is_completed: false,
    });
    expect((await api.call('GET', '/api/v4/tasks')).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v4/tasks?filter[id]=abc')).statusCode).toBe(400);
    expect(await countRows(t.database.db, 'events')).toBe(events + 1); // their task.added only
  });
});

describe('task types and the web app task list', () => {
  const session = () => ({ cookie: api.admin.cookie, 'x-csrf-token': api.admin.csrf });

  it('adds a custom type, uses it, retires it; lists tasks by state and completes one', async () => {
    const types = await t.app.inject({ method: 'GET', url: '/api/app/task-types', headers: session() });
    expect(types.json().items.map((x: { id: number }) => x.id)).toEqual([1, 2]);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/app/task-types',
      headers: session(),
      payload: { name: 'Отправить КП', color: '#ffcc00' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const kp = taskTypeSchema.parse(created.json());
    expect(kp.id).toBeGreaterThanOrEqual(1000);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/app/task-types',
      headers: session(),
      payload: { name: 'отправить кп' },
    });
    expect(duplicate.statusCode).toBe(400);

    const till = now();
    const made = await api.call('POST', '/api/v4/tasks', [
      { text: 'Просрочена', complete_till: till - HOUR, task_type_id: kp.id },
      { text: 'Через неделю', complete_till: till + 7 * 24 * HOUR },
    ]);
    const [overdue, upcoming] = made.json()._embedded.tasks;
    const byState = async (state: string) =>
      appTaskListSchema
        .parse(
          (
            await t.app.inject({ method: 'GET', url: `/api/app/tasks?state=${state}`, headers: session() })
          ).json(),
        )
        .items.map((x) => x.id);
    expect(await byState('overdue')).toEqual([overdue.id]);
    expect(await byState('upcoming')).toEqual([upcoming.id]);
    expect(await byState('completed')).toEqual([]);

    const done = await t.app.inject({
      method: 'POST',
      url: `/api/app/tasks/${overdue.id}/complete`,
      headers: session(),
      payload: { result_text: 'Готово' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(appTaskSchema.parse(done.json())).toMatchObject({ state: 'completed', result_text: 'Готово' });
    expect(await byState('completed')).toEqual([overdue.id]);
    expect((await eventsOf(t.database.db, api.accountId, 'tasks', overdue.id)).map((e) => e.type)).toEqual([
      'task.added',
      'task.completed',
    ]);

    const retired = await t.app.inject({
      method: 'DELETE',
      url: `/api/app/task-types/${kp.id}`,
      headers: session(),
    });
    expect(retired.statusCode).toBe(204);
    const refused = await api.call('POST', '/api/v4/tasks', [
      { text: 'x', complete_till: till, task_type_id: kp.id },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/app/task-types/1', headers: session() })).statusCode,
    ).toBe(404);
    // The task made with the retired type keeps it.
    expect((await api.call('GET', `/api/v4/tasks/${overdue.id}`)).json().task_type_id).toBe(kp.id);
  });
});
