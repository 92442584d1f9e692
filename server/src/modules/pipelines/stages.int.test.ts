import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  countRows,
  createLeads,
  getLead,
  mainPipeline,
  signedInClient,
} from '../deals/deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const stageEvents = (dealId: number) =>
  t.database.db
    .selectFrom('events')
    .select(['value_before', 'value_after'])
    .where('entity_id', '=', dealId)
    .where('type', '=', 'deal.stage_changed')
    .execute();

describe('statuses', () => {
  it('are added after the last open stage, renamed, recoloured and reordered', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const base = `/api/v4/leads/pipelines/${main.id}/statuses`;
    const created = await c.call('POST', base, [
      { name: 'Счёт выставлен', request_id: 'inv' },
      { name: 'Оплачено', color: '#87f2c0' },
    ]);
    expect(created.statusCode).toBe(200);
    assertMatchesSpec('post', '/api/v4/leads/pipelines/{pipeline_id}/statuses', 200, created.json());
    const [invoice, paid] = created.json()._embedded.statuses;
    expect(invoice).toMatchObject({ request_id: 'inv', type: 0, pipeline_id: main.id, is_editable: true });
    expect(paid.color).toBe('#87f2c0');
    let names = (await mainPipeline(c)).statuses.map((s) => s.name);
    expect(names.slice(-4)).toEqual([
      'Счёт выставлен',
      'Оплачено',
      'Успешно реализовано',
      'Закрыто и не реализовано',
    ]);

    // Move "Оплачено" to right after the incoming stage, rename and recolour the first stage.
    const first = main.open[0];
    const patched = await c.call('PATCH', `${base}/${paid.id}`, { sort: 15 });
    expect(patched.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/leads/pipelines/{pipeline_id}/statuses/{id}', 200, patched.json());
    const batch = await c.call('PATCH', base, [{ id: first?.id, name: 'Новая заявка', color: '#ffcc66' }]);
    expect(batch.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/leads/pipelines/{pipeline_id}/statuses', 200, batch.json());
    const after = await mainPipeline(c);
    names = after.statuses.map((s) => s.name);
    expect(names.slice(0, 3)).toEqual(['Неразобранное', 'Оплачено', 'Новая заявка']);
    expect(after.statuses.find((s) => s.id === first?.id)?.color).toBe('#ffcc66');

    const one = await c.call('GET', `${base}/${paid.id}?with=descriptions`);
    assertMatchesSpec('get', '/api/v4/leads/pipelines/{pipeline_id}/statuses/{id}', 200, one.json());
    expect(one.json()).toMatchObject({ id: paid.id, sort: 15, descriptions: [] });
  });

  it('142 and 143 are the won and lost stages of the pipeline in the path; they can be renamed but not moved', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const base = `/api/v4/leads/pipelines/${main.id}/statuses`;
    const won = await c.call('GET', `${base}/142`);
    expect(won.json()).toMatchObject({ id: 142, name: 'Успешно реализовано', pipeline_id: main.id, type: 0 });
    const renamed = await c.call('PATCH', `${base}/142`, { name: 'Оплачено полностью' });
    expect(renamed.json()).toMatchObject({ id: 142, name: 'Оплачено полностью' });
    const moved = await c.call('PATCH', `${base}/143`, { sort: 5 });
    expect(moved.statusCode).toBe(400);
    expect(moved.json()['validation-errors'][0].errors[0]).toMatchObject({ path: 'sort' });
    const incoming = await c.call('PATCH', `${base}/${main.incoming.id}`, { sort: 500 });
    expect(incoming.statusCode).toBe(400);
    expect((await c.call('GET', `${base}/999999`)).statusCode).toBe(404);
  });

  it('holding deals are deleted only with a target (move_to), the deals moving there with their events', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const [doomed, target] = main.open;
    if (!doomed || !target) throw new Error('stages');
    const base = `/api/v4/leads/pipelines/${main.id}/statuses`;
    const ids = await createLeads(c, [
      { name: 'Первая', status_id: doomed.id },
      { name: 'Вторая', status_id: doomed.id },
      { name: 'Уже там', status_id: target.id },
    ]);

    const refused = await c.call('DELETE', `${base}/${doomed.id}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/2 deal\(s\).*move_to/);
    expect((await getLead(c, ids[0] ?? 0)).status_id).toBe(doomed.id);

    const wrongTarget = await c.call('DELETE', `${base}/${doomed.id}?move_to=424242`);
    expect(wrongTarget.statusCode).toBe(400);
    expect((await mainPipeline(c)).open.map((s) => s.id)).toContain(doomed.id);

    const ok = await c.call('DELETE', `${base}/${doomed.id}?move_to=${target.id}`);
    expect(ok.statusCode).toBe(204);
    expect((await mainPipeline(c)).open.map((s) => s.id)).not.toContain(doomed.id);
    for (const id of ids) expect((await getLead(c, id)).status_id).toBe(target.id);
    const events = await stageEvents(ids[0] ?? 0);
    expect(events.map((e) => [JSON.parse(e.value_before), JSON.parse(e.value_after)])).toEqual([
      [[{ status_id: doomed.id, pipeline_id: main.id }], [{ status_id: target.id, pipeline_id: main.id }]],
    ]);
    // The moved cards land below the cards already in the target stage, in their old order.
    const board = await c.call('GET', '/api/app/board');
    const column = board.json().stages.find((s: { stage: { id: number } }) => s.stage.id === target.id);
    expect(column.deals.map((d: { name: string }) => d.name)).toEqual(['Уже там', 'Вторая', 'Первая']);
  });

  it('moving deals to 143 on delete closes them', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const doomed = main.open[1];
    const [id] = await createLeads(c, [{ status_id: doomed?.id }]);
    const res = await c.call(
      'DELETE',
      `/api/v4/leads/pipelines/${main.id}/statuses/${doomed?.id}?move_to=143`,
    );
    expect(res.statusCode).toBe(204);
    const lead = await getLead(c, id ?? 0);
    expect(lead.status_id).toBe(143);
    expect(lead.closed_at).toBeGreaterThan(0);
  });

  it('incoming, won, lost and the last open stage cannot be deleted', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const base = `/api/v4/leads/pipelines/${main.id}/statuses`;
    for (const id of [main.incoming.id, 142, 143]) {
      const res = await c.call('DELETE', `${base}/${id}`);
      expect(res.statusCode).toBe(400);
    }
    const [last, ...rest] = main.open;
    for (const s of rest) expect((await c.call('DELETE', `${base}/${s.id}`)).statusCode).toBe(204);
    const refused = await c.call('DELETE', `${base}/${last?.id}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/at least one open stage/);
    expect(await countRows(t.database.db, 'stages', c.accountId)).toBe(4);
  });
});

describe('loss reasons', () => {
  it('are listed, added, renamed and deleted; a deleted reason leaves lost deals without one', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const list = await c.call('GET', '/api/v4/leads/loss_reasons');
    expect(list.statusCode).toBe(200);
    expect(list.json()._embedded.loss_reasons.map((r: { name: string }) => r.name)).toEqual([
      'Дорого',
      'Выбрали конкурента',
      'Не выходит на связь',
      'Нет потребности',
    ]);
    const created = await c.call('POST', '/api/v4/leads/loss_reasons', [
      { name: 'Сорвались сроки', request_id: 'r1' },
    ]);
    expect(created.statusCode).toBe(200);
    const reason = created.json()._embedded.loss_reasons[0];
    expect(reason).toMatchObject({ name: 'Сорвались сроки', request_id: 'r1', sort: 5 });
    expect(reason._links.self.href).toBe(`http://crm.example.org/api/v4/leads/loss_reasons/${reason.id}`);

    const renamed = await c.call('PATCH', `/api/v4/leads/loss_reasons/${reason.id}`, { name: 'Сроки' });
    expect(renamed.json().name).toBe('Сроки');
    expect((await c.call('GET', `/api/v4/leads/loss_reasons/${reason.id}`)).json().name).toBe('Сроки');

    const [id] = await createLeads(c, [{ status_id: 143, pipeline_id: main.id, loss_reason_id: reason.id }]);
    expect((await getLead(c, id ?? 0)).loss_reason_id).toBe(reason.id);
    expect((await c.call('DELETE', `/api/v4/leads/loss_reasons/${reason.id}`)).statusCode).toBe(204);
    expect((await c.call('GET', `/api/v4/leads/loss_reasons/${reason.id}`)).statusCode).toBe(404);
    const lead = await getLead(c, id ?? 0);
    expect(lead).toMatchObject({ status_id: 143, loss_reason_id: null });
    expect((await c.call('DELETE', `/api/v4/leads/loss_reasons/${reason.id}`)).statusCode).toBe(404);
  });

  it('answer 204 when the account has none', async () => {
    const c = await signedInClient(t.app);
    const list = await c.call('GET', '/api/v4/leads/loss_reasons');
    for (const r of list.json()._embedded.loss_reasons) {
      expect((await c.call('DELETE', `/api/v4/leads/loss_reasons/${r.id}`)).statusCode).toBe(204);
    }
    const empty = await c.call('GET', '/api/v4/leads/loss_reasons');
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
  });
});
