import { boardSchema, type RightLevel } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { countRows, createLeads, mainPipeline } from '../deals/deals.test-support.ts';
import { idsOf, salesTeam, type Caller } from './rights.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const levels: RightLevel[] = ['all', 'group', 'own', 'denied'];
/** Which of (mine, my group mate's, an outsider's) records a level covers. */
const covered: Record<RightLevel, Array<'me' | 'mate' | 'outsider'>> = {
  all: ['me', 'mate', 'outsider'],
  group: ['me', 'mate'],
  own: ['me'],
  denied: [],
};

async function boardTotals(caller: Caller, stageId: number) {
  const res = await caller.call('GET', '/api/app/board');
  expect(res.statusCode, res.body).toBe(200);
  const board = boardSchema.parse(res.json());
  const column = board.stages.find((s) => s.stage.id === stageId);
  return {
    count: column?.count ?? 0,
    sum: column?.sum ?? 0,
    cards: (column?.deals ?? []).map((d) => d.id).sort((a, b) => a - b),
  };
}

describe('deal rights: all / group / own / denied on every path', () => {
  for (const level of levels) {
    it(`view and edit "${level}": lists, search, board counts and sums, get, timeline, events, edit, move`, async () => {
      const team = await salesTeam(t);
      const main = await mainPipeline(team.admin);
      const first = main.open[0]?.id ?? 0;
      const second = main.open[1]?.id ?? 0;
      const owners = { me: team.me, mate: team.mate, outsider: team.outsider };
      const prices = { me: 100, mate: 2000, outsider: 30000 };
      const ids: Record<string, number> = {};
      for (const who of ['me', 'mate', 'outsider'] as const) {
        const [id] = await createLeads(team.admin, [
          {
            name: `Матрица ${who}`,
            price: prices[who],
            status_id: first,
            responsible_user_id: owners[who].userId,
          },
        ]);
        ids[who] = id ?? 0;
      }
      await team.giveRole(team.me, {
        leads: { view: level, edit: level, add: 'all', delete: 'denied', export: level },
      });
      const me = team.me;
      const visible = covered[level].map((w) => ids[w] ?? 0).sort((a, b) => a - b);
      const hidden = (['me', 'mate', 'outsider'] as const)
        .filter((w) => !covered[level].includes(w))
        .map((w) => ids[w] ?? 0);

      // Lists and search.
      expect(idsOf(await me.call('GET', '/api/v4/leads'), 'leads')).toEqual(visible);
      expect(
        idsOf(await me.call('GET', `/api/v4/leads?query=${encodeURIComponent('матрица')}`), 'leads'),
      ).toEqual(visible);
      expect(
        idsOf(
          await me.call(
            'GET',
            `/api/v4/leads?filter[price][from]=1&filter[statuses][0][pipeline_id]=${main.id}`,
          ),
          'leads',
        ),
      ).toEqual(visible);
      // Board: the counts and sums leave hidden deals out.
      const totals = await boardTotals(me, first);
      expect(totals.cards).toEqual(visible);
      expect(totals.count).toBe(visible.length);
      expect(totals.sum).toBe(covered[level].reduce((s, w) => s + prices[w], 0));

      for (const who of ['me', 'mate', 'outsider'] as const) {
        const id = ids[who] ?? 0;
        const sees = covered[level].includes(who);
        expect((await me.call('GET', `/api/v4/leads/${id}`)).statusCode).toBe(sees ? 200 : 404);
        expect((await me.call('GET', `/api/app/timeline?entity_type=leads&entity_id=${id}`)).statusCode).toBe(
          sees ? 200 : 404,
        );
        const events = await me.call('GET', `/api/v4/events?filter[entity]=lead&filter[entity_id]=${id}`);
        expect(events.statusCode === 200 ? events.json()._embedded.events.length > 0 : false).toBe(sees);

        const before = (await team.admin.call('GET', `/api/v4/leads/${id}`)).json();
        const patch = await me.call('PATCH', `/api/v4/leads/${id}`, { price: 7 });
        expect(patch.statusCode).toBe(sees ? 200 : 404);
        const move = await me.call('POST', `/api/app/deals/${id}/move`, { stage_id: second });
        expect(move.statusCode).toBe(sees ? 200 : 404);
        const after = (await team.admin.call('GET', `/api/v4/leads/${id}`)).json();
        if (sees) {
          expect(after.price).toBe(7);
          expect(after.status_id).toBe(second);
        } else {
          expect(after.price).toBe(before.price);
          expect(after.status_id).toBe(before.status_id);
          expect(after.updated_at).toBe(before.updated_at);
        }
        // delete is denied for every level here: visible deals answer 403, hidden ones 404.
        const del = await me.call('DELETE', `/api/v4/leads/${id}`);
        expect(del.statusCode).toBe(sees ? 403 : 404);
      }
      expect(await countRows(t.database.db, 'deals', team.admin.accountId)).toBe(3);
      for (const id of hidden) {
        expect((await team.admin.call('GET', `/api/v4/leads/${id}`)).json().is_deleted).toBe(false);
      }
      // Every refusal is in the audit trail.
      const denied = await t.database.db
        .selectFrom('events')
        .select(['entity_id'])
        .where('type', '=', 'access.denied')
        .where('created_by', '=', me.userId)
        .execute();
      for (const id of hidden) expect(denied.some((d) => d.entity_id === id)).toBe(true);
    });
  }

  it('a user may edit only what the edit level covers (view all, edit own): 403 and nothing changed', async () => {
    const team = await salesTeam(t);
    const main = await mainPipeline(team.admin);
    const first = main.open[0]?.id ?? 0;
    const [mine, theirs] = await createLeads(team.admin, [
      { name: 'Моя', price: 1, status_id: first, responsible_user_id: team.me.userId },
      { name: 'Чужая', price: 1, status_id: first, responsible_user_id: team.outsider.userId },
    ]);
    await team.giveRole(team.me, { leads: { view: 'all', edit: 'own', delete: 'own' } });
    expect((await team.me.call('PATCH', `/api/v4/leads/${mine}`, { price: 5 })).statusCode).toBe(200);
    const refused = await team.me.call('PATCH', `/api/v4/leads/${theirs}`, { price: 5 });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await team.admin.call('GET', `/api/v4/leads/${theirs}`)).json().price).toBe(1);
    // The batch PATCH is all or nothing.
    const batch = await team.me.call('PATCH', '/api/v4/leads', [
      { id: mine, price: 9 },
      { id: theirs, price: 9 },
    ]);
    expect(batch.statusCode).toBe(403);
    expect((await team.admin.call('GET', `/api/v4/leads/${mine}`)).json().price).toBe(5);
    // The board tells the UI which cards it may drag.
    const board = boardSchema.parse((await team.me.call('GET', '/api/app/board')).json());
    const cards = board.stages.flatMap((s) => s.deals);
    expect(cards.find((c) => c.id === mine)?.can).toEqual({ edit: true, delete: true, move_out: true });
    expect(cards.find((c) => c.id === theirs)?.can).toEqual({ edit: false, delete: false, move_out: false });
    expect((await team.me.call('DELETE', `/api/v4/leads/${theirs}`)).statusCode).toBe(403);
    expect((await team.me.call('DELETE', `/api/v4/leads/${mine}`)).statusCode).toBe(204);
  });

  it('add: "own" may create deals only for oneself; "denied" may not create at all', async () => {
    const team = await salesTeam(t);
    await team.giveRole(team.me, { leads: { add: 'own' } });
    const before = await countRows(t.database.db, 'deals', team.admin.accountId);
    expect((await team.me.call('POST', '/api/v4/leads', [{ name: 'Себе' }])).statusCode).toBe(200);
    const other = await team.me.call('POST', '/api/v4/leads', [
      { name: 'Коллеге', responsible_user_id: team.mate.userId },
    ]);
    expect(other.statusCode).toBe(403);
    await team.giveRole(team.me, { leads: { add: 'denied' } });
    expect((await team.me.call('POST', '/api/v4/leads', [{ name: 'Нельзя' }])).statusCode).toBe(403);
    expect(await countRows(t.database.db, 'deals', team.admin.accountId)).toBe(before + 1);
  });
});

describe('contact, company and task rights', () => {
  for (const level of levels) {
    it(`"${level}" on contacts, companies and tasks: lists, search, get, edit`, async () => {
      const team = await salesTeam(t);
      const owners = { me: team.me, mate: team.mate, outsider: team.outsider };
      const ids: Record<'contacts' | 'companies' | 'tasks', Record<string, number>> = {
        contacts: {},
        companies: {},
        tasks: {},
      };
      for (const who of ['me', 'mate', 'outsider'] as const) {
        const responsible = owners[who].userId;
        const contact = await team.admin.call('POST', '/api/v4/contacts', [
          { name: `Клиент ${who}`, responsible_user_id: responsible },
        ]);
        ids.contacts[who] = contact.json()._embedded.contacts[0].id;
        const company = await team.admin.call('POST', '/api/v4/companies', [
          { name: `Фирма ${who}`, responsible_user_id: responsible },
        ]);
        ids.companies[who] = company.json()._embedded.companies[0].id;
        const task = await team.admin.call('POST', '/api/v4/tasks', [
          { text: `Позвонить ${who}`, complete_till: 4_000_000_000, responsible_user_id: responsible },
        ]);
        ids.tasks[who] = task.json()._embedded.tasks[0].id;
      }
      const rights = { view: level, edit: level, add: 'all', delete: level, export: level };
      await team.giveRole(team.me, { contacts: rights, companies: rights, tasks: rights });
      const me = team.me;
      for (const entity of ['contacts', 'companies', 'tasks'] as const) {
        const expected = covered[level].map((w) => ids[entity][w] ?? 0).sort((a, b) => a - b);
        expect(idsOf(await me.call('GET', `/api/v4/${entity}`), entity)).toEqual(expected);
        if (entity !== 'tasks') {
          const word = entity === 'contacts' ? 'клиент' : 'фирма';
          expect(
            idsOf(await me.call('GET', `/api/v4/${entity}?query=${encodeURIComponent(word)}`), entity),
          ).toEqual(expected);
        }
        for (const who of ['me', 'mate', 'outsider'] as const) {
          const id = ids[entity][who] ?? 0;
          const sees = covered[level].includes(who);
          expect((await me.call('GET', `/api/v4/${entity}/${id}`)).statusCode).toBe(sees ? 200 : 404);
          const body = entity === 'tasks' ? { text: 'Изменено' } : { name: 'Изменено' };
          expect((await me.call('PATCH', `/api/v4/${entity}/${id}`, body)).statusCode).toBe(sees ? 200 : 404);
          const stored = (await team.admin.call('GET', `/api/v4/${entity}/${id}`)).json();
          const text = entity === 'tasks' ? stored.text : stored.name;
          expect(text === 'Изменено').toBe(sees);
        }
      }
      const appTasks = await me.call('GET', '/api/app/tasks');
      const appIds = (appTasks.json().items as Array<{ id: number }>).map((i) => i.id).sort((a, b) => a - b);
      expect(appIds).toEqual(covered[level].map((w) => ids.tasks[w] ?? 0).sort((a, b) => a - b));
    });
  }
});
