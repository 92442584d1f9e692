import { boardSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken } from '../../test/factories.ts';
import {
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

async function column(c: Client, stageId: number, query = '') {
  const res = await c.call('GET', `/api/app/board${query}`);
  expect(res.statusCode).toBe(200);
  const board = boardSchema.parse(res.json());
  const stage = board.stages.find((s) => s.stage.id === stageId);
  if (!stage) throw new Error(`no stage ${stageId}`);
  return stage;
}
const names = async (c: Client, stageId: number) => (await column(c, stageId)).deals.map((d) => d.name);

const move = (c: Client, id: number, body: Record<string, unknown>) =>
  c.call('POST', `/api/app/deals/${id}/move`, body);

describe('GET /api/app/board', () => {
  it('shows every stage of the main pipeline with its count, sum and cards, newest on top', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const first = main.open[0]?.id ?? 0;
    const contact = (await c.call('POST', '/api/v4/contacts', [{ name: 'Ольга' }])).json()._embedded
      .contacts[0].id;
    await createLeads(c, [
      { name: 'Первая', price: 100 },
      { name: 'Вторая', price: 250, _embedded: { contacts: [{ id: contact }] } },
      { name: 'Выигранная', price: 1000, status_id: 142, pipeline_id: main.id },
    ]);
    const res = await c.call('GET', '/api/app/board');
    const board = boardSchema.parse(res.json());
    expect(board.pipeline).toMatchObject({ id: main.id, name: 'Воронка', is_main: true });
    expect(board.stages.map((s) => s.stage.status_id)).toEqual(main.statuses.map((s) => s.id));
    const open = board.stages.find((s) => s.stage.id === first);
    expect(open).toMatchObject({ count: 2, sum: 350, has_more: false });
    expect(open?.deals.map((d) => d.name)).toEqual(['Вторая', 'Первая']);
    expect(open?.deals[0]?.main_contact).toEqual({ id: contact, name: 'Ольга' });
    const won = board.stages.find((s) => s.stage.kind === 'won');
    expect(won).toMatchObject({ count: 1, sum: 1000, stage: { status_id: 142 } });
  });

  it('pages a long stage: the first cards, then the next ones after a cursor', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const first = main.open[0]?.id ?? 0;
    await createLeads(
      c,
      Array.from({ length: 5 }, (_, i) => ({ name: `Сделка ${i + 1}` })),
    );
    const top = await column(c, first, '?limit_per_stage=2');
    expect(top).toMatchObject({ count: 5, has_more: true });
    expect(top.deals.map((d) => d.name)).toEqual(['Сделка 5', 'Сделка 4']);
    const last = top.deals.at(-1);
    const next = await c.call(
      'GET',
      `/api/app/board/stages/${first}/deals?after_position=${last?.position}&after_id=${last?.id}&limit=2`,
    );
    expect(next.json()).toMatchObject({
      has_more: true,
      deals: [{ name: 'Сделка 3' }, { name: 'Сделка 2' }],
    });
    const rest = await c.call(
      'GET',
      `/api/app/board/stages/${first}/deals?after_position=${next.json().deals[1].position}&after_id=${next.json().deals[1].id}`,
    );
    expect(rest.json()).toMatchObject({ has_more: false, deals: [{ name: 'Сделка 1' }] });
  });

  it('shows another pipeline on request, and never another account’s', async () => {
    const c = await signedInClient(t.app);
    const other = (await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт' }])).json()._embedded
      .pipelines[0];
    const res = await c.call('GET', `/api/app/board?pipeline_id=${other.id}`);
    expect(boardSchema.parse(res.json()).pipeline.name).toBe('Опт');
    const stranger = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const peek = await t.app.inject({
      url: `/api/app/board?pipeline_id=${other.id}`,
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(peek.statusCode).toBe(404);
  });
});

describe('POST /api/app/deals/{id}/move', () => {
  it('reorders within a stage by writing one row between the neighbours', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const stage = main.open[0]?.id ?? 0;
    const [a = 0, b = 0, d = 0] = await createLeads(c, [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    expect(await names(c, stage)).toEqual(['C', 'B', 'A']);
    const positions = async () =>
      new Map(
        (await t.database.db.selectFrom('deals').select(['id', 'position']).execute()).map((r) => [
          r.id,
          r.position,
        ]),
      );
    const before = await positions();

    const res = await move(c, a, { stage_id: stage, after_id: d });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ renumbered: false, deal: { id: a, stage_id: stage } });
    expect(await names(c, stage)).toEqual(['C', 'A', 'B']);
    const after = await positions();
    expect([...after].filter(([id, p]) => before.get(id) !== p).map(([id]) => id)).toEqual([a]);

    await move(c, b, { stage_id: stage, before_id: d });
    expect(await names(c, stage)).toEqual(['B', 'C', 'A']);
    await move(c, b, { stage_id: stage, after_id: a });
    expect(await names(c, stage)).toEqual(['C', 'A', 'B']);
    await move(c, b, { stage_id: stage });
    expect(await names(c, stage)).toEqual(['B', 'C', 'A']);
    expect(await countRows(t.database.db, 'events', c.accountId)).toBe(3);
  });

  it('changes the stage with an event, closing the deal on won / lost', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const [from, to] = main.open;
    const lostStage = await t.database.db
      .selectFrom('stages')
      .select('id')
      .where('pipeline_id', '=', main.id)
      .where('kind', '=', 'lost')
      .executeTakeFirstOrThrow();
    const reasons = (await c.call('GET', '/api/v4/leads/loss_reasons')).json()._embedded.loss_reasons;
    const [a = 0, b = 0] = await createLeads(c, [{ name: 'A' }, { name: 'B' }]);
    const [existing = 0] = await createLeads(c, [{ name: 'Там', status_id: to?.id }]);

    const res = await move(c, a, { stage_id: to?.id, after_id: existing });
    expect(res.json().deal).toMatchObject({ stage_id: to?.id, closed_at: null });
    expect(await names(c, to?.id ?? 0)).toEqual(['Там', 'A']);
    expect((await getLead(c, a)).status_id).toBe(to?.id);

    const lost = await move(c, b, { stage_id: lostStage.id, loss_reason_id: reasons[0].id });
    expect(lost.statusCode).toBe(200);
    expect(lost.json().deal.closed_at).toBeGreaterThan(0);
    expect(await getLead(c, b)).toMatchObject({ status_id: 143, loss_reason_id: reasons[0].id });
    const events = await t.database.db
      .selectFrom('events')
      .select(['entity_id', 'value_before', 'value_after'])
      .where('type', '=', 'deal.stage_changed')
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.entity_id, JSON.parse(e.value_before), JSON.parse(e.value_after)])).toEqual([
      [a, [{ status_id: from?.id, pipeline_id: main.id }], [{ status_id: to?.id, pipeline_id: main.id }]],
      [b, [{ status_id: from?.id, pipeline_id: main.id }], [{ status_id: 143, pipeline_id: main.id }]],
    ]);
  });

  it('renumbers a stage only when the gap between neighbours has run out', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const stage = main.open[0]?.id ?? 0;
    const [a = 0, b = 0, d = 0] = await createLeads(c, [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    // Two neighbours with no room between them, as after many drops into the same spot.
    await t.database.db.updateTable('deals').set({ position: 5 }).where('id', 'in', [a, b]).execute();
    await t.database.db.updateTable('deals').set({ position: 1 }).where('id', '=', d).execute();
    expect(await names(c, stage)).toEqual(['C', 'A', 'B']);
    const res = await move(c, d, { stage_id: stage, after_id: a });
    expect(res.json().renumbered).toBe(true);
    expect(await names(c, stage)).toEqual(['A', 'C', 'B']);
    const positions = (await column(c, stage)).deals.map((x) => x.position);
    expect(positions[0]).toBeLessThan(positions[1] ?? 0);
    expect(positions[1]).toBeLessThan(positions[2] ?? 0);
    const again = await move(c, d, { stage_id: stage, before_id: a });
    expect(again.json().renumbered).toBe(false);
    expect(await names(c, stage)).toEqual(['C', 'A', 'B']);
  });

  it('refuses unknown stages, anchors outside the stage and other accounts’ deals', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const [first, second] = main.open;
    const [a = 0, b = 0] = await createLeads(c, [{ name: 'A' }, { name: 'B', status_id: second?.id }]);
    const unknownStage = await move(c, a, { stage_id: 987654 });
    expect(unknownStage.statusCode).toBe(400);
    expect(unknownStage.json()['validation-errors'][0].errors[0].path).toBe('stage_id');
    const strayAnchor = await move(c, a, { stage_id: first?.id, after_id: b });
    expect(strayAnchor.statusCode).toBe(400);
    expect(strayAnchor.json()['validation-errors'][0].errors[0].path).toBe('after_id');
    const both = await move(c, a, { stage_id: first?.id, after_id: b, before_id: b });
    expect(both.statusCode).toBe(400);
    expect((await getLead(c, a)).status_id).toBe(first?.id);

    const stranger = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/app/deals/${a}/move`,
      headers: { authorization: `Bearer ${stranger.token}` },
      payload: { stage_id: second?.id },
    });
    expect(theirs.statusCode).toBe(404);
    expect((await getLead(c, a)).status_id).toBe(first?.id);
  });
});
