import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, buildUser } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  countRows,
  createLeads,
  mainPipeline,
  pipelinesOf,
  signedInClient,
} from '../deals/deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('the default pipeline', () => {
  it('exists on first use with Russian stages, 142 / 143 for won / lost and one incoming status', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('GET', '/api/v4/leads/pipelines');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/hal+json');
    const body = res.json();
    assertMatchesSpec('get', '/api/v4/leads/pipelines', 200, body);
    expect(body.status).toBeUndefined();
    expect(body._total_items).toBe(1);
    const [main] = body._embedded.pipelines;
    expect(main).toMatchObject({
      name: 'Воронка',
      is_main: true,
      is_unsorted_on: true,
      is_archive: false,
      account_id: c.accountId,
    });
    expect(main._links.self.href).toBe(`http://crm.example.org/api/v4/leads/pipelines/${main.id}`);
    const statuses: Array<{ id: number; name: string; type: number; pipeline_id: number }> =
      main._embedded.statuses;
    expect(statuses.map((s) => s.name)).toEqual([
      'Неразобранное',
      'Первичный контакт',
      'Переговоры',
      'Принимают решение',
      'Согласование договора',
      'Успешно реализовано',
      'Закрыто и не реализовано',
    ]);
    expect(statuses.filter((s) => s.type === 1).map((s) => s.name)).toEqual(['Неразобранное']);
    expect(statuses.at(-2)).toMatchObject({ id: 142, pipeline_id: main.id, is_editable: false });
    expect(statuses.at(-1)).toMatchObject({ id: 143, pipeline_id: main.id });
    expect(statuses.slice(0, -2).every((s) => s.id >= 1000)).toBe(true);

    // A second call finds the same pipeline rather than creating another.
    expect((await pipelinesOf(c)).map((p) => p.id)).toEqual([main.id]);
    expect(await countRows(t.database.db, 'pipelines', c.accountId)).toBe(1);
  });

  it('speaks the account language and comes with loss reasons', async () => {
    const c = await signedInClient(t.app, 'en');
    const main = await mainPipeline(c);
    expect(main.statuses.map((s) => s.name)).toEqual([
      'Incoming leads',
      'Initial contact',
      'Negotiation',
      'Decision making',
      'Contract discussion',
      'Closed - won',
      'Closed - lost',
    ]);
    const reasons = await c.call('GET', '/api/v4/leads/loss_reasons');
    expect(reasons.statusCode).toBe(200);
    expect(reasons.json()._embedded.loss_reasons.map((r: { name: string }) => r.name)).toContain(
      'Too expensive',
    );
  });
});

describe('pipelines', () => {
  it('are created with their statuses, 142 renamed when asked, request_id echoed', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('POST', '/api/v4/leads/pipelines', [
      {
        name: 'Вебинарная воронка',
        request_id: 'web',
        _embedded: {
          statuses: [
            { id: 142, name: 'Оплатил заказ' },
            { name: 'Зарегистрирован на вебинар', color: '#fffeb2' },
            { name: 'Напоминание отправлено' },
          ],
        },
      },
      { name: 'Воронка подогрева' },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    assertMatchesSpec('post', '/api/v4/leads/pipelines', 200, body);
    const [webinar, warmup] = body._embedded.pipelines;
    expect(webinar.request_id).toBe('web');
    expect(warmup.request_id).toBe('1');
    expect(webinar.is_main).toBe(false);
    const got = await c.call('GET', `/api/v4/leads/pipelines/${webinar.id}`);
    assertMatchesSpec('get', '/api/v4/leads/pipelines/{id}', 200, got.json());
    const names = got
      .json()
      ._embedded.statuses.map((s: { id: number; name: string }) => `${s.id === 142 ? '142:' : ''}${s.name}`);
    expect(names).toEqual([
      'Неразобранное',
      'Зарегистрирован на вебинар',
      'Напоминание отправлено',
      '142:Оплатил заказ',
      'Закрыто и не реализовано',
    ]);
    // Without statuses, a pipeline gets the default open stages.
    const warm = await c.call('GET', `/api/v4/leads/pipelines/${warmup.id}/statuses`);
    assertMatchesSpec('get', '/api/v4/leads/pipelines/{pipeline_id}/statuses', 200, warm.json());
    expect(warm.json()._embedded.statuses).toHaveLength(7);
  });

  it('keep exactly one main pipeline, which cannot be archived or unmarked', async () => {
    const c = await signedInClient(t.app);
    const old = await mainPipeline(c);
    const created = await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'Опт', is_main: true }]);
    const wholesale = created.json()._embedded.pipelines[0].id;
    let list = await pipelinesOf(c);
    expect(list.filter((p) => p.is_main).map((p) => p.id)).toEqual([wholesale]);

    const back = await c.call('PATCH', `/api/v4/leads/pipelines/${old.id}`, {
      is_main: true,
      name: 'Розница',
    });
    expect(back.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/leads/pipelines/{id}', 200, back.json());
    expect(back.json()).toMatchObject({ id: old.id, name: 'Розница', is_main: true });
    list = await pipelinesOf(c);
    expect(list.filter((p) => p.is_main).map((p) => p.id)).toEqual([old.id]);

    const unmark = await c.call('PATCH', `/api/v4/leads/pipelines/${old.id}`, { is_main: false });
    expect(unmark.statusCode).toBe(400);
    expect(unmark.json()['validation-errors'][0].errors[0].path).toBe('is_main');
    const archive = await c.call('PATCH', `/api/v4/leads/pipelines/${old.id}`, { is_archive: true });
    expect(archive.statusCode).toBe(400);
    const archiveOther = await c.call('PATCH', '/api/v4/leads/pipelines', [
      { id: wholesale, is_archive: true, request_id: 'a' },
    ]);
    expect(archiveOther.statusCode).toBe(200);
    assertMatchesSpec('patch', '/api/v4/leads/pipelines', 200, archiveOther.json());
    expect(archiveOther.json()._embedded.pipelines[0]).toMatchObject({
      id: wholesale,
      is_archive: true,
      request_id: 'a',
    });
    expect((await pipelinesOf(c)).find((p) => p.id === old.id)?.name).toBe('Розница');
  });

  it('cannot delete the main pipeline or one holding deals; an empty one goes with its stages', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const refused = await c.call('DELETE', `/api/v4/leads/pipelines/${main.id}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/main pipeline/);

    const created = await c.call('POST', '/api/v4/leads/pipelines', [{ name: 'A' }, { name: 'B' }]);
    const [a, b] = created.json()._embedded.pipelines.map((p: { id: number }) => p.id);
    await createLeads(c, [{ name: 'Сделка в A', pipeline_id: a }]);
    const busy = await c.call('DELETE', `/api/v4/leads/pipelines/${a}`);
    expect(busy.statusCode).toBe(400);
    expect(busy.json().detail).toMatch(/1 deal/);

    const stagesBefore = await countRows(t.database.db, 'stages', c.accountId);
    const ok = await c.call('DELETE', `/api/v4/leads/pipelines/${b}`);
    expect(ok.statusCode).toBe(204);
    expect((await c.call('GET', `/api/v4/leads/pipelines/${b}`)).statusCode).toBe(404);
    expect(await countRows(t.database.db, 'stages', c.accountId)).toBe(stagesBefore - 7);
  });

  it('refuse bad input without writing anything', async () => {
    const c = await signedInClient(t.app);
    await mainPipeline(c);
    const before = await countRows(t.database.db, 'pipelines', c.accountId);
    const res = await c.call('POST', '/api/v4/leads/pipelines', [
      { name: 'Хорошая' },
      { name: 'Плохая', _embedded: { statuses: [{ name: 'X', color: 'red' }] } },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await countRows(t.database.db, 'pipelines', c.accountId)).toBe(before);
    const archivedMain = await c.call('POST', '/api/v4/leads/pipelines', [
      { name: 'OK' },
      { name: 'Главная в архиве', is_main: true, is_archive: true },
    ]);
    expect(archivedMain.statusCode).toBe(400);
    expect(archivedMain.json()['validation-errors'][0].request_id).toBe('1');
    expect(await countRows(t.database.db, 'pipelines', c.accountId)).toBe(before);
  });

  it('are changed by administrators only, and read by everyone', async () => {
    const c = await signedInClient(t.app);
    const manager = await buildUser(t.database.db, c.accountId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: manager.email, password: 'manager password' },
    });
    const headers = {
      cookie: `voronka_session=${login.cookies[0]?.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    const read = await t.app.inject({ url: '/api/v4/leads/pipelines', headers });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v4/leads/pipelines',
      headers,
      payload: [{ name: 'X' }],
    });
    expect(write.statusCode).toBe(403);
  });

  it("never show or change another account's pipelines", async () => {
    const c = await signedInClient(t.app);
    const mine = await mainPipeline(c);
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const bearer = { authorization: `Bearer ${other.token}` };
    const theirs = await t.app.inject({ url: '/api/v4/leads/pipelines', headers: bearer });
    expect(theirs.json()._embedded.pipelines).toHaveLength(1);
    expect(theirs.json()._embedded.pipelines[0].id).not.toBe(mine.id);
    expect(theirs.json()._embedded.pipelines[0].name).toBe('Sales pipeline');
    const peek = await t.app.inject({ url: `/api/v4/leads/pipelines/${mine.id}`, headers: bearer });
    expect(peek.statusCode).toBe(404);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v4/leads/pipelines/${mine.id}/statuses/${mine.open[0]?.id}`,
      headers: bearer,
      payload: { name: 'hacked' },
    });
    expect(rename.statusCode).toBe(404);
    const drop = await t.app.inject({
      method: 'DELETE',
      url: `/api/v4/leads/pipelines/${mine.id}/statuses/${mine.open[0]?.id}`,
      headers: bearer,
    });
    expect(drop.statusCode).toBe(404);
    expect((await mainPipeline(c)).open[0]?.name).toBe('Первичный контакт');
  });
});
