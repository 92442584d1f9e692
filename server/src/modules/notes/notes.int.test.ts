import { timelineSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildContact } from '../../test/crm-factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  apiClient,
  countRows,
  eventsOf,
  insertDeal,
  validationErrors,
  type ApiClient,
} from '../fields/api-test-kit.ts';

let t: TestApp;
let api: ApiClient;
beforeEach(async () => {
  t = await buildTestApp();
  api = await apiClient(t);
});
afterEach(async () => {
  await t.close();
});

const noteCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('/api/v4/{entity}/notes', () => {
  it('adds, reads, lists, edits and pins notes, writing note.added', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const contact = await buildContact(t.database.db, api.accountId);

    const added = await api.call('POST', '/api/v4/leads/notes', [
      { entity_id: dealId, note_type: 'common', params: { text: 'Клиент просит скидку' }, request_id: 'n1' },
      {
        entity_id: dealId,
        note_type: 'call_in',
        params: {
          uniq: 'c-1',
          duration: 65,
          source: 'Телефония',
          phone: '+7 999 123-45-67',
          link: 'https://rec.example.com/1.mp3',
        },
      },
    ]);
    expect(added.statusCode, added.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/notes', 200, added.json());
    const [common, call] = added.json()._embedded.notes;
    expect(common).toMatchObject({ entity_id: dealId, request_id: 'n1' });
    expect(common._links.self.href).toBe(`http://crm.test/api/v4/leads/${dealId}/notes/${common.id}`);

    const onContact = await api.call('POST', `/api/v4/contacts/${contact.id}/notes`, [
      { note_type: 'sms_out', params: { text: 'Ваш заказ готов', phone: '+79991234567' } },
    ]);
    expect(onContact.statusCode, onContact.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/{entity_id}/notes', 200, onContact.json());

    const one = await api.call('GET', `/api/v4/leads/notes/${call.id}`);
    assertMatchesSpec('get', '/api/v4/{entity_type}/notes/{id}', 200, one.json());
    expect(one.json()).toMatchObject({
      note_type: 'call_in',
      entity_id: dealId,
      created_by: api.userId,
      is_pinned: false,
      params: { uniq: 'c-1', duration: 65, phone: '+7 999 123-45-67' },
    });
    const nested = await api.call('GET', `/api/v4/leads/${dealId}/notes/${common.id}`);
    assertMatchesSpec('get', '/api/v4/{entity_type}/{entity_id}/notes/{note_id}', 200, nested.json());
    // A note is addressed within its entity type and entity.
    expect((await api.call('GET', `/api/v4/contacts/notes/${common.id}`)).statusCode).toBe(404);
    expect((await api.call('GET', `/api/v4/leads/${dealId + 1}/notes/${common.id}`)).statusCode).toBe(404);

    const list = await api.call('GET', '/api/v4/leads/notes?filter[note_type]=call_in');
    assertMatchesSpec('get', '/api/v4/{entity_type}/notes', 200, list.json());
    expect(list.json()._embedded.notes.map((n: { id: number }) => n.id)).toEqual([call.id]);
    const ofDeal = await api.call('GET', `/api/v4/leads/${dealId}/notes?order[id]=desc`);
    assertMatchesSpec('get', '/api/v4/{entity_type}/{entity_id}/notes', 200, ofDeal.json());
    expect(ofDeal.json()._embedded.notes.map((n: { id: number }) => n.id)).toEqual([call.id, common.id]);

    const edited = await api.call('PATCH', `/api/v4/leads/notes/${common.id}`, {
      params: { text: 'Скидка 5%' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    assertMatchesSpec('patch', '/api/v4/{entity_type}/notes/{id}', 200, edited.json());
    const batch = await api.call('PATCH', `/api/v4/leads/${dealId}/notes`, [
      { id: common.id, note_type: 'common', params: { text: 'Скидка 7%' } },
    ]);
    assertMatchesSpec('patch', '/api/v4/{entity_type}/{entity_id}/notes', 200, batch.json());
    expect((await api.call('GET', `/api/v4/leads/notes/${common.id}`)).json().params).toEqual({
      text: 'Скидка 7%',
    });

    const pin = await api.call('POST', `/api/v4/leads/notes/${common.id}/pin`);
    expect(pin.statusCode, pin.body).toBe(200);
    assertMatchesSpec('post', '/api/v4/{entity_type}/notes/{id}/pin', 200, pin.json());
    const timeline = timelineSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/app/timeline?entity_type=leads&entity_id=${dealId}`,
          headers: { cookie: api.admin.cookie },
        })
      ).json(),
    );
    expect(timeline.pinned.map((n) => n.id)).toEqual([common.id]);
    expect(timeline.items.filter((i) => i.kind === 'note').map((i) => i.id)).toEqual([call.id, common.id]);
    const unpin = await api.call('POST', `/api/v4/leads/notes/${common.id}/unpin`);
    assertMatchesSpec('post', '/api/v4/{entity_type}/notes/{id}/unpin', 200, unpin.json());
    expect((await api.call('GET', `/api/v4/leads/notes/${common.id}`)).json().is_pinned).toBe(false);

    // The web app pins with a session and CSRF token.
    const appPin = await t.app.inject({
      method: 'PATCH',
      url: `/api/app/notes/${call.id}`,
      headers: { cookie: api.admin.cookie, 'x-csrf-token': api.admin.csrf },
      payload: { is_pinned: true },
    });
    expect(appPin.statusCode, appPin.body).toBe(200);
    expect(appPin.json()).toMatchObject({ id: call.id, is_pinned: true });

    const events = await eventsOf(t.database.db, api.accountId, 'leads', dealId);
    expect(events.map((e) => e.type)).toEqual(['note.added', 'note.added']);
    expect(events[0]?.after).toEqual([{ note: { id: common.id } }]);
    const subtypes = await t.database.db
      .selectFrom('events')
      .select(['entity_type', 'subtype'])
      .where('type', '=', 'note.added')
      .orderBy('id')
      .execute();
    expect(subtypes).toEqual([
      { entity_type: 'leads', subtype: 'common' },
      { entity_type: 'leads', subtype: 'call_in' },
      { entity_type: 'contacts', subtype: 'sms_out' },
    ]);
  });

  it('refuses bad notes, naming the path, and changes nothing', async () => {
    const { dealId } = await insertDeal(t.database.db, api.accountId);
    const other = await api.other();
    const theirDeal = await insertDeal(t.database.db, other.account.id);
    const events = await countRows(t.database.db, 'events');

    const cases: Array<[unknown, string]> = [
      [[{ entity_id: dealId, note_type: 'common', params: {} }], 'params.text'],
      [[{ entity_id: dealId, note_type: 'telepathy', params: { text: 'x' } }], '0.note_type'],
      [[{ entity_id: 'one', note_type: 'common', params: { text: 'x' } }], '0.entity_id'],
      [[{ entity_id: theirDeal.dealId, note_type: 'common', params: { text: 'x' } }], 'entity_id'],
      [[{ note_type: 'common', params: { text: 'x' } }], 'entity_id'],
      [
        [
          {
            entity_id: dealId,
            note_type: 'common',
            params: { text: 'x' },
            responsible_user_id: other.user.id,
          },
        ],
        'responsible_user_id',
      ],
      [
        [
          {
            entity_id: dealId,
            note_type: 'call_in',
            params: { uniq: 'u', duration: -1, source: 's', phone: '1' },
          },
        ],
        'params.duration',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await api.call('POST', '/api/v4/leads/notes', body as Array<Record<string, unknown>>);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(validationErrors(res.json()).map((e) => e.path)).toContain(path);
    }
    const tooMany = await api.call(
      'POST',
      '/api/v4/leads/notes',
      Array.from({ length: 251 }, () => ({ entity_id: dealId, note_type: 'common', params: { text: 'x' } })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(
      (
        await api.call('POST', `/api/v4/leads/${theirDeal.dealId}/notes`, [
          { note_type: 'common', params: { text: 'x' } },
        ])
      ).statusCode,
    ).toBe(400);
    expect((await api.call('GET', `/api/v4/leads/${theirDeal.dealId}/notes`)).statusCode).toBe(404);
    expect(await noteCount()).toBe(0);

    const theirs = (
      await other.call('POST', '/api/v4/leads/notes', [
        { entity_id: theirDeal.dealId, note_type: 'common', params: { text: 'чужое' } },
      ])
    ).json()._embedded.notes[0];
    expect((await api.call('GET', `/api/v4/leads/notes/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await api.call('PATCH', `/api/v4/leads/notes/${theirs.id}`, { params: { text: 'mine' } })).statusCode,
    ).toBe(404);
    expect((await api.call('POST', `/api/v4/leads/notes/${theirs.id}/pin`)).statusCode).toBe(404);
    const app = await t.app.inject({
      method: 'PATCH',
      url: `/api/app/notes/${theirs.id}`,
      headers: { cookie: api.admin.cookie, 'x-csrf-token': api.admin.csrf },
      payload: { is_pinned: true },
    });
    expect(app.statusCode).toBe(404);
    expect((await other.call('GET', `/api/v4/leads/notes/${theirs.id}`)).json()).toMatchObject({
      is_pinned: false,
      params: { text: 'чужое' },
    });
    expect(await countRows(t.database.db, 'events')).toBe(events + 1);
  });
});
