import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { apiClient, countRows, eventsOf, validationErrors, type ApiClient } from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const names = (body: { _embedded: { tags: Array<{ name: string }> } }) =>
  body._embedded.tags.map((x) => x.name);

describe('/api/v4/{entity}/tags', () => {
  it('creates tags once per name and finds them by query, name and id', async () => {
    const res = await api.call('POST', '/api/v4/contacts/tags', [
      { name: 'Постоянный клиент', color: 'DDEBB5', request_id: 'p' },
      { name: 'Опт' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/tags', 200, res.json());
    const [regular, wholesale] = res.json()._embedded.tags;
    expect(regular).toMatchObject({ name: 'Постоянный клиент', color: 'DDEBB5', request_id: 'p' });
    expect(wholesale.request_id).toBe('1');

    const again = await api.call('POST', '/api/v4/contacts/tags', [{ name: 'опт' }]);
    expect(again.json()._embedded.tags[0]).toMatchObject({ id: wholesale.id, name: 'Опт' });
    expect(await countRows(t.database.db, 'tags')).toBe(2);

    const all = await api.call('GET', '/api/v4/contacts/tags');
    assertMatchesSpec('get', '/api/v4/{entity_type}/tags', 200, all.json());
    expect(names(all.json())).toEqual(['Постоянный клиент', 'Опт']);
    expect(
      names((await api.call('GET', `/api/v4/contacts/tags?query=${encodeURIComponent('КЛИЕНТ')}`)).json()),
    ).toEqual(['Постоянный клиент']);
    expect(
      names(
        (await api.call('GET', `/api/v4/contacts/tags?filter[name]=${encodeURIComponent('ОПТ')}`)).json(),
      ),
    ).toEqual(['Опт']);
    expect(names((await api.call('GET', `/api/v4/contacts/tags?filter[id][]=${regular.id}`)).json())).toEqual(
      ['Постоянный клиент'],
    );
    expect((await api.call('GET', '/api/v4/contacts/tags?filter[name]=nothing')).statusCode).toBe(204);
    // Tags belong to one entity type.
    expect((await api.call('GET', '/api/v4/leads/tags')).statusCode).toBe(204);

    const bad = await api.call('POST', '/api/v4/contacts/tags', [
      { name: 'ok' },
      { name: 'x', color: 'red' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(validationErrors(bad.json())[0]?.path).toBe('1.color');
    expect(await countRows(t.database.db, 'tags')).toBe(2);
  });

  it('tag entities, recording added and removed tags', async () => {
    const existing = (await api.call('POST', '/api/v4/companies/tags', [{ name: 'Партнёр' }])).json()
      ._embedded.tags[0];
    const created = await api.call('POST', '/api/v4/companies', [
      { name: 'ООО Ромашка', _embedded: { tags: [{ id: existing.id }, { name: 'Новый' }] } },
    ]);
    const id = created.json()._embedded.companies[0].id;
    const tagsOf = async () =>
      (await api.call('GET', `/api/v4/companies/${id}`))
        .json()
        ._embedded.tags.map((x: { name: string }) => x.name);
    expect(await tagsOf()).toEqual(['Партнёр', 'Новый']);

    await api.call('PATCH', `/api/v4/companies/${id}`, {
      tags_to_add: [{ name: 'партнёр' }, { name: 'VIP' }],
      tags_to_delete: [{ name: 'Новый' }],
    });
    expect(await tagsOf()).toEqual(['Партнёр', 'VIP']);
    await api.call('PATCH', `/api/v4/companies/${id}`, { _embedded: { tags: [{ name: 'VIP' }] } });
    expect(await tagsOf()).toEqual(['VIP']);

    const events = (await eventsOf(t.database.db, api.accountId, 'companies', id)).filter((e) =>
      e.type.startsWith('entity.tag'),
    );
    expect(events.map((e) => [e.type, e.after[0] ?? e.before[0]])).toEqual([
      ['entity.tag_added', { tag: { id: existing.id, name: 'Партнёр' } }],
      ['entity.tag_added', { tag: expect.objectContaining({ name: 'Новый' }) }],
      ['entity.tag_added', { tag: expect.objectContaining({ name: 'VIP' }) }],
      ['entity.tag_removed', { tag: expect.objectContaining({ name: 'Новый' }) }],
      ['entity.tag_removed', { tag: { id: existing.id, name: 'Партнёр' } }],
    ]);
  });

  it("refuses unknown and another account's tag ids, changing nothing", async () => {
    const other = await api.other();
    const theirs = (await other.call('POST', '/api/v4/contacts/tags', [{ name: 'Чужой' }])).json()._embedded
      .tags[0];
    const before = await countRows(t.database.db, 'tags');
    const res = await api.call('POST', '/api/v4/contacts', [
      { name: 'A', _embedded: { tags: [{ name: 'Новый тег' }, { id: theirs.id }] } },
    ]);
    expect(res.statusCode).toBe(400);
    expect(validationErrors(res.json())).toEqual([
      expect.objectContaining({ code: 'NotFound', path: '0._embedded.tags.1.id' }),
    ]);
    const empty = await api.call('POST', '/api/v4/contacts', [{ name: 'A', tags_to_add: [{}] }]);
    expect(validationErrors(empty.json())[0]?.path).toBe('0.tags_to_add.0.name');
    expect(await countRows(t.database.db, 'tags')).toBe(before);
    expect(await countRows(t.database.db, 'contacts')).toBe(0);
    expect((await api.call('GET', '/api/v4/contacts/tags')).statusCode).toBe(204);
    expect(names((await other.call('GET', '/api/v4/contacts/tags')).json())).toEqual(['Чужой']);
  });
});
