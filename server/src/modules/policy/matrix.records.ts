import type { RightLevel } from '@voronka/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { covers, owners, phone, word, type MatrixFixture, type Owner } from './matrix.fixture.ts';

type Entity = 'contacts' | 'companies' | 'tasks';
type Profile = {
  view: RightLevel;
  edit: RightLevel;
  delete: RightLevel;
  add: RightLevel;
  export: RightLevel;
};
const levels: RightLevel[] = ['all', 'group', 'own', 'denied'];
const profiles: Profile[] = [
  ...levels.map((l) => ({ view: l, edit: l, delete: l, add: l, export: l })),
  { view: 'all', edit: 'own', delete: 'denied', add: 'group', export: 'all' },
];
const label = (p: Profile) => `view ${p.view}, edit ${p.edit}, delete ${p.delete}, add ${p.add}`;
const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
const expected = (sees: boolean, may: boolean, success: number) => (!sees ? 404 : may ? success : 403);
const key = { contacts: 'contact', companies: 'company', tasks: 'task' } as const;

function idsOf(res: { statusCode: number; body: string; json: () => unknown }, list: string): number[] {
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { _embedded: Record<string, Array<{ id: number }>> };
  return sorted((body._embedded[list] ?? []).map((i) => i.id));
}

/** The live rows of `entity` the reference model says the level covers. */
async function model(f: MatrixFixture, entity: Entity, level: RightLevel) {
  const ownerOf = new Map(owners.map((o) => [f.userOf[o], o]));
  let q = f.t.database.db
    .selectFrom(entity)
    .select(['id', 'responsible_user_id'])
    .where('account_id', '=', f.admin.accountId);
  if (entity !== 'tasks') q = q.where('deleted_at', 'is', null);
  const rows = await q.execute();
  return sorted(
    rows
      .filter((r) => {
        const o = r.responsible_user_id === null ? undefined : ownerOf.get(r.responsible_user_id);
        return o !== undefined && covers(level, o);
      })
      .map((r) => r.id),
  );
}

async function row(f: MatrixFixture, entity: Entity, id: number) {
  return f.t.database.db.selectFrom(entity).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Contacts, companies and tasks: lists, search, reads, notes, links, writes, delete/restore, add. */
export function recordMatrix(fixture: () => MatrixFixture) {
  for (const p of profiles) {
    describe(`contacts, companies, tasks: ${label(p)}`, () => {
      let f: MatrixFixture;
      beforeAll(async () => {
        f = fixture();
        const all = { view: 'all', edit: 'all', add: 'all', delete: 'all', export: 'all' };
        await f.giveA({ leads: all, contacts: p, companies: p, tasks: p });
      });

      it('lists and search (name, phone) leave out what the view level does not cover', async () => {
        const { a } = f;
        for (const entity of ['contacts', 'companies', 'tasks'] as const) {
          const want = await model(f, entity, p.view);
          expect(idsOf(await a.call('GET', `/api/v4/${entity}?limit=250`), entity), entity).toEqual(want);
        }
        const tasks = f.ok(await a.call('GET', '/api/app/tasks')).json();
        expect(sorted(tasks.items.map((i: { id: number }) => i.id))).toEqual(await model(f, 'tasks', p.view));
        for (const o of owners) {
          const sees = covers(p.view, o);
          const task = await a.call('GET', `/api/v4/tasks/${f.ids.task[o]}`);
          expect(task.statusCode, `task of ${o}`).toBe(sees ? 200 : 404);
          const contact = sees ? [f.ids.contact[o]] : [];
          const company = sees ? [f.ids.company[o]] : [];
          const q = encodeURIComponent;
          expect(idsOf(await a.call('GET', `/api/v4/contacts?query=${q(word[o])}`), 'contacts')).toEqual(
            contact,
          );
          expect(idsOf(await a.call('GET', `/api/v4/contacts?query=${q(phone[o])}`), 'contacts')).toEqual(
            contact,
          );
          expect(idsOf(await a.call('GET', `/api/v4/companies?query=${q(word[o])}`), 'companies')).toEqual(
            company,
          );
        }
      });

      for (const entity of ['contacts', 'companies'] as const) {
        it(`${entity}: reads, notes and links of records out of sight answer 404`, async () => {
          const { a } = f;
          const list = await a.call('GET', `/api/v4/${entity}/notes?limit=250`);
          const noted = new Set(
            list.statusCode === 204
              ? []
              : f
                  .ok(list)
                  .json()
                  ._embedded.notes.map((n: { entity_id: number }) => n.entity_id),
          );
          const all = owners.map((o, i) => `filter[entity_id][${i}]=${f.ids[key[entity]][o]}`).join('&');
          const links = await a.call('GET', `/api/v4/${entity}/links?${all}`);
          const linked = new Set(
            links.statusCode === 204
              ? []
              : f
                  .ok(links)
                  .json()
                  ._embedded.links.map((l: { entity_id: number }) => l.entity_id),
          );
          for (const o of owners) {
            const id = f.ids[key[entity]][o];
            const note = f.noteIds[entity][o];
            const sees = covers(p.view, o);
            expect(noted.has(id), `notes list (${o})`).toBe(sees);
            expect(linked.has(id), `links list (${o})`).toBe(sees);
            for (const url of [
              `/api/v4/${entity}/${id}`,
              `/api/v4/${entity}/${id}/notes`,
              `/api/v4/${entity}/notes/${note}`,
              `/api/v4/${entity}/${id}/notes/${note}`,
              `/api/v4/${entity}/${id}/links`,
              `/api/app/timeline?entity_type=${entity}&entity_id=${id}`,
            ]) {
              const res = await a.call('GET', url);
              expect(res.statusCode, `${url} (${o})`).toBe(sees ? 200 : 404);
              if (!sees) expect(res.body).not.toContain(word[o]);
            }
          }
        });
      }

      for (const o of owners) {
        it(`writes on ${o.toUpperCase()}'s contact, company and task: edit, notes, links, complete, delete, restore`, async () => {
          await writes(f, p, o);
        });
      }

      it('add: new records only for the users the add level covers', async () => {
        for (const o of owners) {
          const responsible_user_id = f.userOf[o];
          const may = covers(p.add, o);
          for (const [entity, item] of [
            ['contacts', { name: 'Новый контакт', responsible_user_id }],
            ['companies', { name: 'Новая фирма', responsible_user_id }],
            ['tasks', { text: 'Новая задача', complete_till: 4_000_000_000, responsible_user_id }],
          ] as const) {
            const before = (await model(f, entity, 'all')).length;
            const res = await f.a.call('POST', `/api/v4/${entity}`, [item]);
            expect(res.statusCode, `${entity} for ${o}: ${res.body}`).toBe(may ? 200 : 403);
            const after = await model(f, entity, 'all');
            expect(after.length).toBe(before + (may ? 1 : 0));
            if (may && entity !== 'tasks') {
              const id: number = res.json()._embedded[entity][0].id;
              f.ok(await f.admin.call('DELETE', `/api/v4/${entity}/${id}`), 204);
            }
            if (may && entity === 'tasks') {
              const id: number = res.json()._embedded.tasks[0].id;
              await f.t.database.db.deleteFrom('tasks').where('id', '=', id).execute();
            }
          }
        }
      });
    });
  }
}

async function writes(f: MatrixFixture, p: Profile, o: Owner) {
  const { a, admin, ids, noteIds } = f;
  const sees = covers(p.view, o);
  const edits = sees && covers(p.edit, o);
  const deletes = sees && covers(p.delete, o);
  for (const entity of ['contacts', 'companies', 'tasks'] as const) {
    const id = ids[key[entity]][o];
    const before = await row(f, entity, id);
    const field = entity === 'tasks' ? { text: 'Изменено' } : { name: 'Изменено' };
    const res = await a.call('PATCH', `/api/v4/${entity}/${id}`, field);
    expect(res.statusCode, `PATCH ${entity} ${o}: ${res.body}`).toBe(expected(sees, edits, 200));
    const batch = await a.call('PATCH', `/api/v4/${entity}`, [{ id, ...field }]);
    // A record out of sight is answered exactly as a missing one.
    const ghost = await a.call('PATCH', `/api/v4/${entity}`, [{ id: 999_999, ...field }]);
    expect(batch.statusCode, `batch PATCH ${entity} ${o}: ${batch.body}`).toBe(
      !sees ? ghost.statusCode : edits ? 200 : 403,
    );
    if (!sees) expect(batch.body.replaceAll(String(id), '999999')).toBe(ghost.body);
    const after = await row(f, entity, id);
    if (edits) {
      // Put the searchable name back.
      const back = entity === 'tasks' ? { text: `Позвонить ${word[o]}` } : { name: before.name as string };
      f.ok(await admin.call('PATCH', `/api/v4/${entity}/${id}`, back));
    } else expect(after).toEqual(before);
  }
  const taskBefore = await row(f, 'tasks', ids.task[o]);
  const done = await a.call('POST', `/api/app/tasks/${ids.task[o]}/complete`, {});
  expect(done.statusCode, done.body).toBe(expected(sees, edits, 200));
  if (edits) f.ok(await admin.call('PATCH', `/api/v4/tasks/${ids.task[o]}`, { is_completed: false }));
  else expect(await row(f, 'tasks', ids.task[o])).toEqual(taskBefore);

  for (const entity of ['contacts', 'companies'] as const) {
    const id = ids[key[entity]][o];
    const note = noteIds[entity][o];
    const other =
      entity === 'contacts'
        ? { to_entity_type: 'companies', to_entity_id: ids.company[o] }
        : { to_entity_type: 'contacts', to_entity_id: ids.contact[o] };
    const tries = (id: number): Array<[string, string, unknown]> => [
      ['POST', `/api/v4/${entity}/${id}/notes`, [{ note_type: 'common', params: { text: 'новая' } }]],
      ['POST', `/api/v4/${entity}/notes`, [{ entity_id: id, note_type: 'common', params: { text: 'ещё' } }]],
      ['PATCH', `/api/v4/${entity}/notes/${note}`, { params: { text: 'правка' } }],
      ['PATCH', `/api/v4/${entity}/${id}/notes/${note}`, { params: { text: 'правка 2' } }],
      ['PATCH', `/api/v4/${entity}/notes`, [{ id: note, params: { text: 'правка 3' } }]],
      ['PATCH', `/api/v4/${entity}/${id}/notes`, [{ id: note, params: { text: `Заметка ${word[o]}` } }]],
      ['POST', `/api/v4/${entity}/notes/${note}/pin`, undefined],
      ['POST', `/api/v4/${entity}/notes/${note}/unpin`, undefined],
      ['POST', `/api/v4/${entity}/${id}/unlink`, [other]],
      ['POST', `/api/v4/${entity}/${id}/link`, [other]],
      ['POST', `/api/v4/${entity}/unlink`, [{ entity_id: id, ...other }]],
      ['POST', `/api/v4/${entity}/link`, [{ entity_id: id, ...other }]],
    ];
    const before = await row(f, entity, id);
    const ghosts = tries(999_999);
    for (const [i, [method, url, body]] of tries(id).entries()) {
      const res = await a.call(method as 'POST', url, body as object | undefined);
      if (sees) {
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(edits ? 200 : 403);
        continue;
      }
      // A record out of sight is answered exactly as a missing one (404, or a batch's 400).
      const [gm, gu, gb] = ghosts[i] ?? [];
      const ghost = await a.call(gm as 'POST', gu ?? '', gb as object | undefined);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(ghost.statusCode);
    }
    if (!edits) expect(await row(f, entity, id)).toEqual(before);

    const del = await a.call('DELETE', `/api/v4/${entity}/${id}`);
    expect(del.statusCode, del.body).toBe(expected(sees, deletes, 204));
    if (!deletes) f.ok(await admin.call('DELETE', `/api/v4/${entity}/${id}`), 204);
    const restore = await a.call('POST', `/api/app/${entity}/${id}/restore`);
    expect(restore.statusCode, restore.body).toBe(expected(sees, deletes, 204));
    if (!deletes) f.ok(await admin.call('POST', `/api/app/${entity}/${id}/restore`), 204);
    expect((await row(f, entity, id)).deleted_at).toBeNull();
  }
}
