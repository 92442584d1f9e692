import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken } from '../../test/factories.ts';
import { createLeads, signedInClient, type Client } from '../deals/deals.test-support.ts';
import { create, email, phone, read } from './duplicates.test-support.ts';

let t: TestApp;
let api: Client;
beforeEach(async () => {
  t = await buildTestApp();
  api = await signedInClient(t.app);
});
afterEach(async () => {
  await t.close();
});

type Party = {
  name: string;
  custom_fields_values: Array<{ field_code: string | null; values: Array<{ value: unknown }> }> | null;
  _embedded: { tags: Array<{ name: string }>; leads?: Array<{ id: number }> };
};
const get = async (id: number): Promise<Party> => {
  const res = await api.call('GET', `/api/v4/contacts/${id}?with=leads`);
  if (res.statusCode !== 200) throw new Error(`GET contact ${id}: ${res.statusCode}`);
  const body: Party = res.json();
  return body;
};
const valuesOf = (p: Party, code: string) =>
  (p.custom_fields_values ?? []).find((f) => f.field_code === code)?.values.map((v) => v.value) ?? [];
const notesOf = async (id: number) => {
  const res = await api.call('GET', `/api/v4/contacts/${id}/notes`);
  if (res.statusCode === 204) return [];
  const body: { _embedded: { notes: Array<{ params: { text: string } }> } } = res.json();
  return body._embedded.notes.map((n) => n.params.text).sort();
};
const tasksOf = async (id: number) => {
  const res = await api.call('GET', `/api/v4/tasks?filter[entity_type]=contacts&filter[entity_id]=${id}`);
  if (res.statusCode === 204) return [];
  const body: { _embedded: { tasks: Array<{ text: string }> } } = res.json();
  return body._embedded.tasks.map((x) => x.text).sort();
};
const merge = (survivor: number, merged: number, pick: Record<string, unknown> = {}) =>
  api.call('POST', '/api/app/duplicates/contacts/merge', { survivor_id: survivor, merged_id: merged, pick });

async function twoContacts() {
  const a = await create(api, 'contacts', {
    name: 'Ирина Соколова',
    custom_fields_values: [
      phone('+7 912 000-11-22'),
      { field_code: 'POSITION', values: [{ value: 'Директор' }] },
    ],
    _embedded: { tags: [{ name: 'VIP' }] },
  });
  const b = await create(api, 'contacts', {
    name: 'ИРИНА С.',
    custom_fields_values: [
      phone('8 (912) 000-11-22'),
      phone('+7 495 123-45-67'),
      email('irina@school.example'),
      { field_code: 'POSITION', values: [{ value: 'Методист' }] },
    ],
    _embedded: { tags: [{ name: 'Курсы' }] },
  });
  for (const [id, text] of [
    [a, 'звонила в понедельник'],
    [b, 'просила счёт'],
  ] as const) {
    const note = await api.call('POST', `/api/v4/contacts/${id}/notes`, [
      { note_type: 'common', params: { text } },
    ]);
    expect(note.statusCode).toBe(200);
    const task = await api.call('POST', '/api/v4/tasks', [
      { text: `перезвонить ${text}`, complete_till: 2_000_000_000, entity_type: 'contacts', entity_id: id },
    ]);
    expect(task.statusCode).toBe(200);
  }
  const [dealA, dealB] = await createLeads(api, [
    { name: 'Курс A', _embedded: { contacts: [{ id: a }] } },
    { name: 'Курс B', _embedded: { contacts: [{ id: b }] } },
  ]);
  return { a, b, dealA: dealA ?? 0, dealB: dealB ?? 0 };
}

describe('merging duplicates', () => {
  it('keeps every value, note, task, tag and deal on the survivor, and undo restores both exactly', async () => {
    const { a, b, dealA, dealB } = await twoContacts();
    const beforeA = await get(a);
    const beforeB = await get(b);
    const res = await merge(a, b, { name: 'merged', fields: {} });
    expect(res.statusCode).toBe(200);
    const done: { id: number; merged_name: string } = res.json();
    expect(done.merged_name).toBe('ИРИНА С.');

    const after = await get(a);
    expect(after.name).toBe('ИРИНА С.');
    // The same phone in two formats is kept once; the other phone and the e-mail join it.
    expect(valuesOf(after, 'PHONE')).toEqual(['+7 912 000-11-22', '+7 495 123-45-67']);
    expect(valuesOf(after, 'EMAIL')).toEqual(['irina@school.example']);
    expect(valuesOf(after, 'POSITION')).toEqual(['Директор']); // not picked: the survivor's value
    expect(after._embedded.tags.map((x) => x.name).sort()).toEqual(['VIP', 'Курсы']);
    expect(after._embedded.leads?.map((l) => l.id).sort()).toEqual([dealA, dealB].sort());
    expect(await notesOf(a)).toEqual(['звонила в понедельник', 'просила счёт']);
    expect(await tasksOf(a)).toEqual(['перезвонить звонила в понедельник', 'перезвонить просила счёт']);
    expect(await read(api, 'contacts', b)).toBe(404);
    const deal: { _embedded: { contacts: Array<{ id: number }> } } = (
      await api.call('GET', `/api/v4/leads/${dealB}?with=contacts`)
    ).json();
    expect(deal._embedded.contacts.map((c) => c.id)).toEqual([a]);
    const events = await t.database.db
      .selectFrom('events')
      .select(['type', 'entity_id'])
      .where('type', 'in', ['contact.merged', 'contact.merge_undone'])
      .execute();
    expect(events).toEqual([{ type: 'contact.merged', entity_id: a }]);

    const undo = await api.call('POST', `/api/app/duplicates/merges/${done.id}/undo`);
    expect(undo.statusCode).toBe(200);
    expect(await get(a)).toEqual(beforeA);
    expect(await get(b)).toEqual(beforeB);
    expect(await notesOf(a)).toEqual(['звонила в понедельник']);
    expect(await notesOf(b)).toEqual(['просила счёт']);
    expect(await tasksOf(b)).toEqual(['перезвонить просила счёт']);
    const again = await api.call('POST', `/api/app/duplicates/merges/${done.id}/undo`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('lets a user choose the merged record value of a single field', async () => {
    const { a, b } = await twoContacts();
    const fields = await api.call('GET', '/api/v4/contacts/custom_fields');
    const body: { _embedded: { custom_fields: Array<{ id: number; code: string | null }> } } = fields.json();
    const position = body._embedded.custom_fields.find((f) => f.code === 'POSITION')?.id ?? 0;
    expect((await merge(a, b, { fields: { [String(position)]: 'merged' } })).statusCode).toBe(200);
    expect(valuesOf(await get(a), 'POSITION')).toEqual(['Методист']);
    expect((await get(a)).name).toBe('Ирина Соколова');
  });

  it('lets only one of two concurrent merges of the same pair win', async () => {
    const { a, b } = await twoContacts();
    const results = await Promise.all([merge(a, b), merge(a, b), merge(b, a)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.headers['content-type']).toContain('application/problem+json');
    const live = await t.database.db
      .selectFrom('contacts')
      .select('id')
      .where('id', 'in', [a, b])
      .where('deleted_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    const merges = await t.database.db.selectFrom('entity_merges').select('id').execute();
    expect(merges).toHaveLength(1);
  });

  it('refuses bad pairs, an undo after a later merge, and another account', async () => {
    const { a, b } = await twoContacts();
    expect((await merge(a, a)).statusCode).toBe(400);
    expect((await merge(a, 999_999)).statusCode).toBe(404);
    const c = await create(api, 'contacts', {
      name: 'Третья',
      custom_fields_values: [phone('+79120001122')],
    });
    const first: { id: number } = (await merge(a, b)).json();
    const second: { id: number } = (await merge(a, c)).json();
    const blocked = await api.call('POST', `/api/app/duplicates/merges/${first.id}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect((await api.call('POST', `/api/app/duplicates/merges/${second.id}/undo`)).statusCode).toBe(200);
    expect((await api.call('POST', `/api/app/duplicates/merges/${first.id}/undo`)).statusCode).toBe(200);
    expect(typeof (await read(api, 'contacts', c))).toBe('object');

    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const headers = { authorization: `Bearer ${other.token}` };
    const theirMerge = await t.app.inject({
      method: 'POST',
      url: '/api/app/duplicates/contacts/merge',
      headers,
      payload: { survivor_id: a, merged_id: b },
    });
    expect(theirMerge.statusCode).toBe(404);
    const theirUndo = await t.app.inject({
      method: 'POST',
      url: `/api/app/duplicates/merges/${first.id}/undo`,
      headers,
    });
    expect(theirUndo.statusCode).toBe(404);
    const theirGroups = await t.app.inject({
      method: 'GET',
      url: '/api/app/duplicates/contacts/groups?by=phone',
      headers,
    });
    expect(theirGroups.json()).toEqual({ items: [], next: null });
    const list = await t.app.inject({ method: 'GET', url: '/api/app/duplicates/merges', headers });
    expect(list.json()).toEqual({ items: [] });
  });
});
