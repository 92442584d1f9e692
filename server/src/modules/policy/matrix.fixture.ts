import type { RightLevel } from '@voronka/common';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { mainPipeline } from '../deals/deals.test-support.ts';
import { salesTeam, type Caller } from './rights.test-support.ts';

/**
 * The authorization matrix's account, built once per database: an administrator; manager A (the
 * user under test) and manager B in group 1; manager C in group 2. Each of A, B, C is responsible
 * for a deal (in the first open stage, linked to their contact and company), a contact with a
 * phone, a company, a task on their deal, and a note on each of those records.
 */
export type Owner = 'a' | 'b' | 'c';
export const owners: Owner[] = ['a', 'b', 'c'];
/** Words that name each owner's records, so a search finds exactly one owner's. */
export const word: Record<Owner, string> = { a: 'Альфа', b: 'Бета', c: 'Гамма' };
export const phone: Record<Owner, string> = {
  a: '+7 912 111-11-01',
  b: '+7 912 111-11-02',
  c: '+7 912 111-11-03',
};

/** The reference model of a level: which owners' records it covers (A is "me"; B shares A's group). */
export function covers(level: RightLevel, owner: Owner): boolean {
  if (level === 'all') return true;
  if (level === 'group') return owner === 'a' || owner === 'b';
  if (level === 'own') return owner === 'a';
  return false;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type RecordingCaller = {
  userId: number;
  call: (method: Method, url: string, payload?: InjectOptions['payload']) => Promise<LightMyRequestResponse>;
};

/** The routes the restricted user called, as "METHOD /pattern" (what the coverage check reads). */
export const hitRoutes = new Set<string>();

/** The registered route a concrete request lands on: a static route wins over a parametric one. */
export function routeOf(
  routes: Array<{ method: string; url: string }>,
  method: string,
  url: string,
): string | null {
  const path = url.split('?')[0] ?? url;
  let best: { key: string; params: number } | null = null;
  for (const r of routes) {
    if (r.method !== method) continue;
    const re = new RegExp(`^${r.url.replace(/[.]/g, '\\.').replace(/:[A-Za-z_]+/g, '[^/]+')}$`);
    if (!re.test(path)) continue;
    const params = (r.url.match(/:/g) ?? []).length;
    if (!best || params < best.params) best = { key: `${r.method} ${r.url}`, params };
  }
  return best?.key ?? null;
}

function recording(t: TestApp, caller: Caller): RecordingCaller {
  return {
    userId: caller.userId,
    call: async (method, url, payload) => {
      const key = routeOf(t.app.routeList, method, url);
      if (key) hitRoutes.add(key);
      return caller.call(method, url, payload);
    },
  };
}

export async function buildMatrixFixture(t: TestApp) {
  const team = await salesTeam(t);
  const { admin, ok } = team;
  const main = await mainPipeline(admin);
  const [s0, s1, s2, s3] = main.open.map((s) => s.id);
  if (!s0 || !s1 || !s2 || !s3) throw new Error('the main pipeline needs four open stages');
  const userOf: Record<Owner, number> = { a: team.me.userId, b: team.mate.userId, c: team.outsider.userId };
  const price: Record<Owner, number> = { a: 100, b: 2_000, c: 30_000 };
  const ids = { deal: {}, contact: {}, company: {}, task: {} } as Record<
    'deal' | 'contact' | 'company' | 'task',
    Record<Owner, number>
  >;
  const noteIds = { leads: {}, contacts: {}, companies: {} } as Record<
    'leads' | 'contacts' | 'companies',
    Record<Owner, number>
  >;
  for (const o of owners) {
    const responsible_user_id = userOf[o];
    ids.company[o] = ok(
      await admin.call('POST', '/api/v4/companies', [{ name: `Фирма ${word[o]}`, responsible_user_id }]),
    ).json()._embedded.companies[0].id;
    ids.contact[o] = ok(
      await admin.call('POST', '/api/v4/contacts', [
        {
          name: `Клиент ${word[o]}`,
          responsible_user_id,
          custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone[o] }] }],
          _embedded: { companies: [{ id: ids.company[o] }] },
        },
      ]),
    ).json()._embedded.contacts[0].id;
    ids.deal[o] = ok(
      await admin.call('POST', '/api/v4/leads', [
        {
          name: `Матрица ${word[o]}`,
          price: price[o],
          status_id: s0,
          pipeline_id: main.id,
          responsible_user_id,
          _embedded: { contacts: [{ id: ids.contact[o] }], companies: [{ id: ids.company[o] }] },
        },
      ]),
    ).json()._embedded.leads[0].id;
    ids.task[o] = ok(
      await admin.call('POST', '/api/v4/tasks', [
        {
          text: `Позвонить ${word[o]}`,
          complete_till: 4_000_000_000,
          responsible_user_id,
          entity_type: 'leads',
          entity_id: ids.deal[o],
        },
      ]),
    ).json()._embedded.tasks[0].id;
    for (const [type, entity] of [
      ['leads', ids.deal[o]],
      ['contacts', ids.contact[o]],
      ['companies', ids.company[o]],
    ] as const) {
      noteIds[type][o] = ok(
        await admin.call('POST', `/api/v4/${type}/${entity}/notes`, [
          { note_type: 'common', params: { text: `Заметка ${word[o]}` } },
        ]),
      ).json()._embedded.notes[0].id;
    }
  }
  expect(Object.keys(ids.deal)).toHaveLength(3);

  /** Gives A a role with these rights (a new role each time, as an administrator would). */
  const giveA = (rights: Record<string, unknown>) => team.giveRole(team.me, rights);

  return {
    t,
    team,
    admin,
    ok,
    a: recording(t, team.me),
    main,
    stages: { s0, s1, s2, s3 },
    userOf,
    ids,
    noteIds,
    giveA,
  };
}
export type MatrixFixture = Awaited<ReturnType<typeof buildMatrixFixture>>;
