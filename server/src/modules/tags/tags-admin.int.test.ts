import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildUser, sessionCookie } from '../../test/factories.ts';
import { createLeads, getLead, signedInClient, type Client } from '../deals/deals.test-support.ts';

let t: TestApp;
let admin: Client;
beforeEach(async () => {
  t = await buildTestApp();
  admin = await signedInClient(t.app);
});
afterEach(async () => {
  await t.close();
});

type TagOut = { id: number; name: string; color: string | null; uses: number };
const listTags = async (entity = 'leads'): Promise<TagOut[]> =>
  (await admin.call('GET', `/api/app/tags/${entity}`)).json().items;

describe('Settings -> Tags', () => {
  it('lists tags with their use counts; renaming and recolouring show on the deals', async () => {
    const [dealId] = await createLeads(admin, [
      { name: 'Диван', _embedded: { tags: [{ name: 'опт' }, { name: 'VIP' }] } },
    ]);
    await createLeads(admin, [{ name: 'Кресло', _embedded: { tags: [{ name: 'опт' }] } }]);
    const tags = await listTags();
    expect(tags.map((x) => [x.name, x.uses])).toEqual([
      ['VIP', 1],
      ['опт', 2],
    ]);
    const opt = tags.find((x) => x.name === 'опт');
    const res = await admin.call('PATCH', `/api/app/tags/leads/${opt?.id}`, {
      name: 'Оптовик',
      color: 'ddebb5',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Оптовик', color: 'DDEBB5' });
    const lead = await getLead(admin, dealId ?? 0);
    const names = (lead as unknown as { _embedded: { tags: Array<{ name: string; color?: string }> } })
      ._embedded.tags;
    expect(names).toContainEqual(expect.objectContaining({ name: 'Оптовик', color: 'DDEBB5' }));

    const clash = await admin.call('PATCH', `/api/app/tags/leads/${opt?.id}`, { name: 'vip' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()['validation-errors'][0].errors[0]).toMatchObject({ code: 'NotUnique', path: 'name' });
  });

  it('deleting a tag removes it from every deal; a tag of another entity type is untouched', async () => {
    const [dealId] = await createLeads(admin, [{ name: 'Диван', _embedded: { tags: [{ name: 'опт' }] } }]);
    await admin.call('POST', '/api/v4/contacts/tags', [{ name: 'опт' }]);
    const opt = (await listTags()).find((x) => x.name === 'опт');
    expect((await admin.call('DELETE', `/api/app/tags/contacts/${opt?.id}`)).statusCode).toBe(404);
    expect((await admin.call('DELETE', `/api/app/tags/leads/${opt?.id}`)).statusCode).toBe(204);
    expect(await listTags()).toEqual([]);
    expect((await listTags('contacts')).map((x) => x.name)).toEqual(['опт']);
    const lead = (await admin.call('GET', `/api/v4/leads/${dealId}`)).json();
    expect(lead._embedded.tags).toEqual([]);
  });

  it('only administrators change tags', async () => {
    await createLeads(admin, [{ name: 'Диван', _embedded: { tags: [{ name: 'опт' }] } }]);
    const opt = (await listTags()).find((x) => x.name === 'опт');
    await buildUser(t.database.db, admin.accountId, { email: 'm@example.com', password: 'member pass' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/app/login',
      payload: { email: 'm@example.com', password: 'member pass' },
    });
    const headers = { cookie: sessionCookie(login), 'x-csrf-token': login.json().csrfToken };
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/app/tags/leads/${opt?.id}`,
      headers,
      payload: { name: 'x' },
    });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/app/tags/leads/${opt?.id}`, headers });
    expect([patch.statusCode, del.statusCode]).toEqual([403, 403]);
    expect((await listTags()).map((x) => x.name)).toEqual(['опт']);
  });
});

describe('Settings -> Task types', () => {
  it('renames and recolours a custom type; built-ins and duplicates are refused', async () => {
    const created = (await admin.call('POST', '/api/app/task-types', { name: 'Отправить КП' })).json();
    await admin.call('POST', '/api/app/task-types', { name: 'Замер' });
    const res = await admin.call('PATCH', `/api/app/task-types/${created.id}`, {
      name: 'Выслать КП',
      color: '#ff8800',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Выслать КП', color: '#ff8800' });
    expect(
      (await admin.call('PATCH', `/api/app/task-types/${created.id}`, { name: 'замер' })).statusCode,
    ).toBe(400);
    expect((await admin.call('PATCH', '/api/app/task-types/1', { name: 'Звонок!' })).statusCode).toBe(404);
    const names = (await admin.call('GET', '/api/app/task-types'))
      .json()
      .items.map((x: { name: string }) => x.name);
    expect(names).toContain('Выслать КП');
  });
});
