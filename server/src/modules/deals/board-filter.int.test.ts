import { boardCardStateSchema, boardMetaSchema, boardSchema, dealListPageSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken, buildUser } from '../../test/factories.ts';
import { createLeads, mainPipeline, signedInClient, type Client } from './deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function board(c: Client, query: string) {
  const res = await c.call('GET', `/api/app/board?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return boardSchema.parse(res.json());
}
const namesOn = (b: Awaited<ReturnType<typeof board>>) =>
  b.stages.flatMap((s) => s.deals.map((d) => d.name)).sort();

async function seed(c: Client) {
  const main = await mainPipeline(c);
  const other = await buildUser(t.database.db, c.accountId, { name: 'Оля' });
  const field = (
    await c.call('POST', '/api/v4/leads/custom_fields', [
      { name: 'Канал', type: 'select', enums: [{ value: 'Сайт' }, { value: 'Звонок' }] },
      { name: 'Комментарий', type: 'text' },
    ])
  ).json()._embedded.custom_fields;
  const [select, text] = field;
  const site = select.enums[0].id;
  const now = Math.floor(Date.now() / 1000);
  const ids = await createLeads(c, [
    {
      name: 'Сайт Иванов',
      price: 1000,
      created_at: now - 10 * 86400,
      _embedded: { tags: [{ name: 'vip' }] },
      custom_fields_values: [
        { field_id: select.id, values: [{ enum_id: site }] },
        { field_id: text.id, values: [{ value: 'Перезвонить в ПЯТНИЦУ' }] },
      ],
    },
    { name: 'Звонок Петров', price: 500, responsible_user_id: other.id },
    { name: 'Опт Сидоров', price: 250, status_id: 142, pipeline_id: main.id },
  ]);
  return { main, other, select, text, site, ids, now };
}

describe('board filters', () => {
  it('lists the distinct deal sources of the account in order, without another account’s', async () => {
    const c = await signedInClient(t.app);
    const ids = await createLeads(c, [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
    const stranger = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v4/leads',
      headers: { authorization: `Bearer ${stranger.token}` },
      payload: [{ name: 'x' }],
    });
    expect(made.statusCode, made.body).toBe(200);
    const foreign = made.json<{ _embedded: { leads: Array<{ id: number }> } }>()._embedded.leads[0]?.id ?? 0;
    const setSource = (id: number, source: string | null) =>
      t.database.db.updateTable('deals').set({ source }).where('id', '=', id).execute();
    for (const [i, source] of ['site form', 'avito', 'site form', null].entries())
      await setSource(ids[i] ?? 0, source);
    await setSource(foreign, 'partner');
    const meta = boardMetaSchema.parse((await c.call('GET', '/api/app/board/meta')).json());
    expect(meta.sources).toEqual(['avito', 'site form']);
  });

  it('counts, sums and cards follow the filter; the meta lists what the filters pick from', async () => {
    const c = await signedInClient(t.app);
    const s = await seed(c);
    const meta = boardMetaSchema.parse((await c.call('GET', '/api/app/board/meta')).json());
    expect(meta.pipelines.find((p) => p.id === s.main.id)?.stages.map((x) => x.status_id)).toContain(142);
    expect(meta.users.map((u) => u.name)).toContain('Оля');
    expect(meta.tags.map((x) => x.name)).toEqual(['vip']);
    expect(meta.fields.find((f) => f.id === s.select.id)?.enums.map((e) => e.value)).toEqual([
      'Сайт',
      'Звонок',
    ]);

    const all = await board(c, '');
    expect(namesOn(all)).toEqual(['Звонок Петров', 'Опт Сидоров', 'Сайт Иванов']);
    const mine = await board(c, `responsible=${c.userId}`);
    expect(namesOn(mine)).toEqual(['Опт Сидоров', 'Сайт Иванов']);
    const first = mine.stages.find((x) => x.stage.id === s.main.open[0]?.id);
    expect(first).toMatchObject({ count: 1, sum: 1000 });
    expect(first?.deals[0]).toMatchObject({ tags: [{ name: 'vip' }], company: null });

    expect(namesOn(await board(c, `tags=${meta.tags[0]?.id}`))).toEqual(['Сайт Иванов']);
    expect(namesOn(await board(c, `cf[${s.select.id}]=${s.site}`))).toEqual(['Сайт Иванов']);
    expect(namesOn(await board(c, `cf[${s.text.id}]=пятниц`))).toEqual(['Сайт Иванов']);
    expect(namesOn(await board(c, 'q=петров'))).toEqual(['Звонок Петров']);
    expect(namesOn(await board(c, `created_from=${s.now - 86400}`))).toEqual([
      'Звонок Петров',
      'Опт Сидоров',
    ]);
    expect(namesOn(await board(c, `closed_from=${s.now - 86400}`))).toEqual(['Опт Сидоров']);
    expect(namesOn(await board(c, 'task=overdue'))).toEqual([]);
    expect(namesOn(await board(c, 'task=none'))).toHaveLength(3);
    const filtered = await board(c, 'q=нет-такой-сделки');
    expect(filtered.stages.every((x) => x.count === 0 && x.sum === 0)).toBe(true);
  });

  it('finds deals by the closest task: overdue, due today, none', async () => {
    const c = await signedInClient(t.app);
    const [late, none] = await createLeads(c, [{ name: 'Просрочена' }, { name: 'Без задач' }]);
    const res = await c.call('POST', '/api/v4/tasks', [
      {
        text: 'Позвонить',
        entity_type: 'leads',
        entity_id: late,
        complete_till: Math.floor(Date.now() / 1000) - 3600,
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(namesOn(await board(c, 'task=overdue'))).toEqual(['Просрочена']);
    expect(namesOn(await board(c, 'task=none'))).toEqual(['Без задач']);
    expect(none).toBeGreaterThan(0);
  });

  it('refuses a malformed filter with a problem', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('GET', '/api/app/board?responsible=abc');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers how one deal stands on a filtered board, with fresh totals', async () => {
    const c = await signedInClient(t.app);
    const s = await seed(c);
    const [id] = s.ids;
    const on = boardCardStateSchema.parse(
      (await c.call('GET', `/api/app/board/deals/${id}?pipeline_id=${s.main.id}&q=иванов`)).json(),
    );
    expect(on.deal).toMatchObject({ id, name: 'Сайт Иванов' });
    expect(on.totals.find((x) => x.stage_id === s.main.open[0]?.id)).toMatchObject({ count: 1, sum: 1000 });
    const off = boardCardStateSchema.parse(
      (await c.call('GET', `/api/app/board/deals/${id}?pipeline_id=${s.main.id}&q=петров`)).json(),
    );
    expect(off.deal).toBeNull();
  });
});

describe('deal list, bulk actions and export', () => {
  it('sorts and pages the filtered deals with their total', async () => {
    const c = await signedInClient(t.app);
    const s = await seed(c);
    const res = await c.call('GET', `/api/app/deals?pipeline_id=${s.main.id}&sort=price&dir=asc&limit=2`);
    const page = dealListPageSchema.parse(res.json());
    expect(page.total).toBe(3);
    expect(page.sum).toBe(1750);
    expect(page.deals.map((d) => d.price)).toEqual([250, 500]);
    const byName = dealListPageSchema.parse(
      (await c.call('GET', '/api/app/deals?sort=name&dir=desc&offset=1&limit=5')).json(),
    );
    expect(byName.deals.map((d) => d.name)).toEqual(['Опт Сидоров', 'Звонок Петров']);
  });

  it('applies a bulk action to each deal and reports the refused ones', async () => {
    const c = await signedInClient(t.app);
    const s = await seed(c);
    const target = s.main.open[1]?.id ?? 0;
    const moved = await c.call('POST', '/api/app/deals/bulk', {
      ids: [s.ids[0], s.ids[1], 999999],
      action: { type: 'move', stage_id: target },
    });
    expect(moved.json()).toEqual({ done: 2, failed: [{ id: 999999, detail: 'Deal 999999 not found' }] });
    const col = (await board(c, '')).stages.find((x) => x.stage.id === target);
    expect(col?.count).toBe(2);

    await c.call('POST', '/api/app/deals/bulk', { ids: s.ids, action: { type: 'add_tags', tags: ['опт'] } });
    expect(
      namesOn(
        await board(
          c,
          `tags=${(await c.call('GET', '/api/app/board/meta')).json().tags.find((x: { name: string }) => x.name === 'опт').id}`,
        ),
      ),
    ).toHaveLength(3);
    await c.call('POST', '/api/app/deals/bulk', {
      ids: s.ids,
      action: { type: 'remove_tags', tags: ['vip'] },
    });
    const vip = await board(c, 'q=иванов');
    expect(vip.stages.flatMap((x) => x.deals)[0]?.tags.map((x) => x.name)).toEqual(['опт']);

    await c.call('POST', '/api/app/deals/bulk', {
      ids: s.ids,
      action: { type: 'responsible', user_id: s.other.id },
    });
    expect(namesOn(await board(c, `responsible=${s.other.id}`))).toHaveLength(3);
    await c.call('POST', '/api/app/deals/bulk', { ids: [s.ids[2]], action: { type: 'delete' } });
    expect(namesOn(await board(c, ''))).toEqual(['Звонок Петров', 'Сайт Иванов']);
  });

  it('exports the filtered deals as CSV, with formulas defused', async () => {
    const c = await signedInClient(t.app);
    await createLeads(c, [{ name: '=HYPERLINK("http://evil")', price: 10 }, { name: 'Обычная, с запятой' }]);
    const res = await c.call('GET', '/api/app/deals/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'ID,Название,Бюджет,Воронка,Этап,Ответственный,Контакт,Компания,Теги,Создана,Закрыта',
    );
    expect(lines).toHaveLength(3);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).toContain('"Обычная, с запятой"');
    const one = await c.call('GET', '/api/app/deals/export.csv?q=обычная');
    expect(one.body.trim().split('\r\n')).toHaveLength(2);
  });
});

describe('saved filters', () => {
  it('keeps presets per user and lets only their owner delete them', async () => {
    const c = await signedInClient(t.app);
    const created = await c.call('POST', '/api/app/deal-filter-presets', {
      name: 'Мои просроченные',
      query: '?task=overdue',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Мои просроченные', query: 'task=overdue' });
    expect((await c.call('GET', '/api/app/deal-filter-presets')).json()).toHaveLength(1);
    const bad = await c.call('POST', '/api/app/deal-filter-presets', { name: ' ', query: '' });
    expect(bad.statusCode).toBe(400);

    const other = await buildUser(t.database.db, c.accountId, {
      email: 'other@example.com',
      password: 'other password 1',
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: other.email, password: 'other password 1' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const csrf: string = login.json().csrfToken;
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/app/deal-filter-presets',
      headers: { cookie },
    });
    expect(theirs.json()).toEqual([]);
    const steal = await t.app.inject({
      method: 'DELETE',
      url: `/api/app/deal-filter-presets/${created.json().id}`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(steal.statusCode).toBe(404);
    const own = await c.call('DELETE', `/api/app/deal-filter-presets/${created.json().id}`);
    expect(own.statusCode).toBe(204);
  });
});
