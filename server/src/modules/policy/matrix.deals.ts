import { boardSchema, dealListPageSchema, type RightLevel } from '@voronka/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { covers, owners, phone, word, type MatrixFixture } from './matrix.fixture.ts';

type DealProfile = {
  view: RightLevel;
  edit: RightLevel;
  delete: RightLevel;
  export: RightLevel;
  add: RightLevel;
};
const levels: RightLevel[] = ['all', 'group', 'own', 'denied'];

/** The role profiles of the matrix: each level on every action, then mixed levels. */
export const dealProfiles: DealProfile[] = [
  ...levels.map((l) => ({ view: l, edit: l, delete: l, export: l, add: l })),
  { view: 'all', edit: 'group', delete: 'own', export: 'denied', add: 'own' },
  { view: 'group', edit: 'own', delete: 'denied', export: 'group', add: 'denied' },
];
const label = (p: DealProfile) =>
  `view ${p.view}, edit ${p.edit}, delete ${p.delete}, export ${p.export}, add ${p.add}`;

/** The stored row, for "nothing changed" checks. */
async function dealRow(f: MatrixFixture, id: number) {
  return f.t.database.db
    .selectFrom('deals')
    .select(['name', 'price', 'stage_id', 'responsible_user_id', 'updated_at', 'deleted_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The deals the reference model says the user may see, from the database itself. */
async function modelDeals(f: MatrixFixture, level: RightLevel, stageId?: number) {
  const ownerOf = new Map(owners.map((o) => [f.userOf[o], o]));
  let q = f.t.database.db
    .selectFrom('deals')
    .select(['id', 'price', 'responsible_user_id'])
    .where('account_id', '=', f.admin.accountId)
    .where('deleted_at', 'is', null);
  if (stageId !== undefined) q = q.where('stage_id', '=', stageId);
  const rows = await q.execute();
  return rows.filter((r) => {
    const o = r.responsible_user_id === null ? undefined : ownerOf.get(r.responsible_user_id);
    return o !== undefined && covers(level, o);
  });
}

const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
function idsOf(res: { statusCode: number; body: string; json: () => unknown }, key: string): number[] {
  if (res.statusCode === 204) return [];
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { _embedded: Record<string, Array<{ id: number }>> };
  return sorted((body._embedded[key] ?? []).map((i) => i.id));
}
/** 404 out of sight, 403 seen but not allowed, else the success code. */
const expected = (sees: boolean, may: boolean, success: number) => (!sees ? 404 : may ? success : 403);

/** The deals part of the matrix: lists, totals, search, export, reads and every write path. */
export function dealMatrix(fixture: () => MatrixFixture) {
  for (const p of dealProfiles) {
    describe(`deals: ${label(p)}`, () => {
      let f: MatrixFixture;
      beforeAll(async () => {
        f = fixture();
        const all = { view: 'all', edit: 'all', add: 'all', delete: 'all', export: 'all' };
        await f.giveA({ leads: p, contacts: all, companies: all, tasks: all });
      });

      it('lists, search (name and phone), the board with its counts and sums, the list view, CSV export', async () => {
        const { a, stages } = f;
        const visible = await modelDeals(f, p.view);
        const visibleIds = sorted(visible.map((d) => d.id));
        expect(idsOf(await a.call('GET', '/api/v4/leads?limit=250'), 'leads')).toEqual(visibleIds);
        for (const o of owners) {
          const mine = covers(p.view, o) ? [f.ids.deal[o]] : [];
          const byName = await a.call('GET', `/api/v4/leads?query=${encodeURIComponent(word[o])}`);
          expect(idsOf(byName, 'leads'), `search ${word[o]}`).toEqual(mine);
          const byPhone = await a.call('GET', `/api/v4/leads?query=${encodeURIComponent(phone[o])}`);
          expect(idsOf(byPhone, 'leads'), `phone ${phone[o]}`).toEqual(mine);
        }
        // The board: cards, counts and sums of the first stage leave hidden deals out.
        const inFirst = await modelDeals(f, p.view, stages.s0);
        const board = boardSchema.parse(f.ok(await a.call('GET', '/api/app/board')).json());
        const column = board.stages.find((s) => s.stage.id === stages.s0);
        expect(sorted((column?.deals ?? []).map((d) => d.id))).toEqual(sorted(inFirst.map((d) => d.id)));
        expect(column?.count).toBe(inFirst.length);
        expect(column?.sum).toBe(inFirst.reduce((s, d) => s + d.price, 0));
        const more = f.ok(await a.call('GET', `/api/app/board/stages/${stages.s0}/deals`)).json();
        expect(sorted(more.deals.map((d: { id: number }) => d.id))).toEqual(sorted(inFirst.map((d) => d.id)));
        // The list view: rows, total and sum.
        const page = dealListPageSchema.parse(f.ok(await a.call('GET', '/api/app/deals?limit=200')).json());
        expect(sorted(page.deals.map((d) => d.id))).toEqual(visibleIds);
        expect(page.total).toBe(visible.length);
        expect(page.sum).toBe(visible.reduce((s, d) => s + d.price, 0));
        // CSV export: what the user may both see and export.
        const exportable = new Set((await modelDeals(f, p.export)).map((d) => d.id));
        const csv = f.ok(await a.call('GET', '/api/app/deals/export.csv')).body;
        const exported = csv
          .split('\r\n')
          .slice(1)
          .filter(Boolean)
          .map((line) => Number(line.split(',')[0]));
        expect(sorted(exported)).toEqual(visibleIds.filter((id) => exportable.has(id)));
        for (const o of owners)
          expect(csv.includes(`Матрица ${word[o]}`)).toBe(covers(p.view, o) && covers(p.export, o));
      });

      it('notes, links, events and the timeline of hidden deals are absent', async () => {
        const { a, ids, noteIds } = f;
        const notes = await a.call('GET', '/api/v4/leads/notes?limit=250');
        const noteDeals = new Set(
          notes.statusCode === 204
            ? []
            : f
                .ok(notes)
                .json()
                ._embedded.notes.map((n: { entity_id: number }) => n.entity_id),
        );
        const events = await a.call('GET', '/api/v4/events?filter[entity][]=lead&limit=100');
        const eventDeals = new Set(
          events.statusCode === 204
            ? []
            : f
                .ok(events)
                .json()
                ._embedded.events.map((e: { entity_id: number }) => e.entity_id),
        );
        const all = owners.map((o) => ids.deal[o]).join(',');
        const links = await a.call(
          'GET',
          `/api/v4/leads/links?${owners.map((o, i) => `filter[entity_id][${i}]=${ids.deal[o]}`).join('&')}`,
        );
        const linkDeals = new Set(
          links.statusCode === 204
            ? []
            : f
                .ok(links)
                .json()
                ._embedded.links.map((l: { entity_id: number }) => l.entity_id),
        );
        expect(all).not.toBe('');
        for (const o of owners) {
          const sees = covers(p.view, o);
          const id = ids.deal[o];
          expect(noteDeals.has(id), `notes list, ${o}`).toBe(sees);
          expect(eventDeals.has(id), `events list, ${o}`).toBe(sees);
          expect(linkDeals.has(id), `links list, ${o}`).toBe(sees);
          const code = sees ? 200 : 404;
          for (const url of [
            `/api/v4/leads/${id}`,
            `/api/app/timeline?entity_type=leads&entity_id=${id}`,
            `/api/v4/leads/${id}/notes`,
            `/api/v4/leads/${id}/notes/${noteIds.leads[o]}`,
            `/api/v4/leads/notes/${noteIds.leads[o]}`,
            `/api/v4/leads/${id}/links`,
            `/api/app/deals/${id}/reanimation`,
            `/api/app/deals/${id}/mail`,
            `/api/app/conversations?entity_type=leads&entity_id=${id}`,
          ]) {
            const res = await a.call('GET', url);
            expect(res.statusCode, `${url} (${o})`).toBe(code);
            if (!sees) expect(res.body).not.toContain(word[o]);
          }
          // The board's card refresh answers the column totals, without a card out of sight.
          const card = f.ok(await a.call('GET', `/api/app/board/deals/${id}?pipeline_id=${f.main.id}`));
          expect(card.body.includes(word[o]), `board card (${o})`).toBe(sees);
        }
      });

      for (const o of owners) {
        it(`writes on ${o.toUpperCase()}'s deal: edit, batch edit, move, bulk, notes, links, delete, restore`, async () => {
          const { a, admin, ids, noteIds, stages } = f;
          const id = ids.deal[o];
          const sees = covers(p.view, o);
          const edits = sees && covers(p.edit, o);
          const deletes = sees && covers(p.delete, o);
          const before = await dealRow(f, id);
          const price = before.price + 1;
          const note = noteIds.leads[o];
          const company = { to_entity_type: 'companies', to_entity_id: ids.company[o] };
          const tries = (id: number): Array<[string, string, unknown]> => [
            ['PATCH', `/api/v4/leads/${id}`, { price }],
            ['PATCH', '/api/v4/leads', [{ id, price: price + 1 }]],
            ['POST', `/api/app/deals/${id}/move`, { stage_id: stages.s1 }],
            ['POST', `/api/app/deals/${id}/move`, { stage_id: stages.s0 }],
            ['POST', `/api/v4/leads/${id}/notes`, [{ note_type: 'common', params: { text: 'новая' } }]],
            [
              'POST',
              '/api/v4/leads/notes',
              [{ entity_id: id, note_type: 'common', params: { text: 'ещё' } }],
            ],
            ['PATCH', `/api/v4/leads/notes/${note}`, { params: { text: 'правка' } }],
            ['PATCH', `/api/v4/leads/${id}/notes/${note}`, { params: { text: 'правка 2' } }],
            ['PATCH', '/api/v4/leads/notes', [{ id: note, params: { text: 'правка 3' } }]],
            ['PATCH', `/api/v4/leads/${id}/notes`, [{ id: note, params: { text: `Заметка ${word[o]}` } }]],
            ['POST', `/api/v4/leads/notes/${note}/pin`, undefined],
            ['POST', `/api/v4/leads/notes/${note}/unpin`, undefined],
            ['PATCH', `/api/app/notes/${note}`, { is_pinned: false }],
            ['POST', `/api/v4/leads/${id}/unlink`, [company]],
            ['POST', `/api/v4/leads/${id}/link`, [company]],
            ['POST', '/api/v4/leads/unlink', [{ entity_id: id, ...company }]],
            ['POST', '/api/v4/leads/link', [{ entity_id: id, ...company }]],
          ];
          const notesBefore = await noteCount(f, id);
          const ghosts = tries(999_999);
          for (const [i, [method, url, body]] of tries(id).entries()) {
            const res = await a.call(method as 'POST', url, body as object | undefined);
            if (sees) {
              expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(edits ? 200 : 403);
              continue;
            }
            // A deal out of sight is answered exactly as a missing one (404, or a batch's 400).
            const [gm, gu, gb] = ghosts[i] ?? [];
            const ghost = await a.call(gm as 'POST', gu ?? '', gb as object | undefined);
            expect([400, 404]).toContain(res.statusCode);
            expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(ghost.statusCode);
          }
          const after = await dealRow(f, id);
          if (edits) {
            expect(after.price).toBe(price + 1);
            expect(after.stage_id).toBe(stages.s0);
            expect(await noteCount(f, id)).toBe(notesBefore + 2);
          } else {
            expect(after).toEqual(before);
            expect(await noteCount(f, id)).toBe(notesBefore);
            const note = await f.t.database.db
              .selectFrom('notes')
              .select(['params', 'is_pinned'])
              .where('id', '=', noteIds.leads[o])
              .executeTakeFirstOrThrow();
            expect(note.params).toContain(`Заметка ${word[o]}`);
          }
          // Bulk actions answer 200 and report each refused deal; nothing changes for those.
          const bulk = f
            .ok(
              await a.call('POST', '/api/app/deals/bulk', {
                ids: [id],
                action: { type: 'add_tags', tags: ['матрица'] },
              }),
            )
            .json();
          expect(bulk.done).toBe(edits ? 1 : 0);
          expect(bulk.failed.map((x: { id: number }) => x.id)).toEqual(edits ? [] : [id]);
          if (edits)
            await admin.call('PATCH', `/api/v4/leads/${id}`, { tags_to_delete: [{ name: 'матрица' }] });

          // Delete, then restore (restoring needs the delete right too).
          const del = await a.call('DELETE', `/api/v4/leads/${id}`);
          expect(del.statusCode, del.body).toBe(expected(sees, deletes, 204));
          expect((await dealRow(f, id)).deleted_at === null).toBe(!deletes);
          if (!deletes) f.ok(await admin.call('DELETE', `/api/v4/leads/${id}`), 204);
          const restore = await a.call('POST', `/api/app/deals/${id}/restore`);
          expect(restore.statusCode, restore.body).toBe(expected(sees, deletes, 200));
          if (!deletes) {
            expect((await dealRow(f, id)).deleted_at).not.toBeNull();
            f.ok(await admin.call('POST', `/api/app/deals/${id}/restore`));
          }
          expect((await dealRow(f, id)).deleted_at).toBeNull();
        });
      }

      it('add: a new deal only for the users the add level covers (plain and complex)', async () => {
        const { a, userOf } = f;
        for (const o of owners) {
          const may = covers(p.add, o);
          const before = await dealTotal(f);
          const plain = await a.call('POST', '/api/v4/leads', [
            { name: 'Новая', responsible_user_id: userOf[o] },
          ]);
          expect(plain.statusCode, plain.body).toBe(may ? 200 : 403);
          const complex = await a.call('POST', '/api/v4/leads/complex', [
            {
              name: 'Комплексная',
              responsible_user_id: userOf[o],
              _embedded: { contacts: [{ name: 'Новый' }] },
            },
          ]);
          expect(complex.statusCode, complex.body).toBe(may ? 200 : 403);
          expect(await dealTotal(f)).toBe(before + (may ? 2 : 0));
          if (may) {
            const created = [plain.json()._embedded.leads[0].id as number, complex.json()[0].id as number];
            for (const id of created) f.ok(await f.admin.call('DELETE', `/api/v4/leads/${id}`), 204);
          }
        }
      });
    });
  }
}

async function noteCount(f: MatrixFixture, dealId: number) {
  const row = await f.t.database.db
    .selectFrom('notes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', 'leads')
    .where('entity_id', '=', dealId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function dealTotal(f: MatrixFixture) {
  const row = await f.t.database.db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', f.admin.accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
