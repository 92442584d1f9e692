import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAccountWithToken } from '../../test/factories.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import {
  countRows,
  getLead,
  mainPipeline,
  signedInClient,
  type Client,
} from '../deals/deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const phoneField = (phone: string) => ({
  field_code: 'PHONE',
  values: [{ value: phone, enum_code: 'WORK' }],
});
const emailField = (email: string) => ({
  field_code: 'EMAIL',
  values: [{ value: email, enum_code: 'WORK' }],
});

const formItem = (
  name: string,
  fields: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) => ({
  source_uid: 'site-form-1',
  source_name: 'Форма на сайте',
  metadata: {
    form_id: 'contact-us',
    form_name: 'Обратный звонок',
    form_page: 'https://school.example/courses?utm_source=ya',
    referer: 'https://yandex.ru/',
    ip: '203.0.113.7',
    form_sent_at: 1_760_000_000,
  },
  _embedded: {
    leads: [{ name: `Заявка: ${name}`, price: 5000 }],
    contacts: [{ name, custom_fields_values: fields }],
  },
  ...extra,
});

type Unsorted = {
  uid: string;
  request_id: string;
  _embedded: {
    leads: Array<{ id: number }>;
    contacts: Array<{ id: number }>;
    companies: Array<{ id: number }>;
  };
};

async function postForms(c: Client, items: unknown[]) {
  const res = await c.call('POST', '/api/v4/leads/unsorted/forms', items);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  assertMatchesSpec('post', '/api/v4/leads/unsorted/forms', 200, res.json());
  const body: { _total_items: number; _embedded: { unsorted: Unsorted[] } } = res.json();
  return body._embedded.unsorted;
}

const contactIdsOf = async (c: Client, dealId: number) => {
  const lead = await getLead(c, dealId, 'contacts');
  const contacts = (lead._embedded.contacts ?? []) as Array<{ id: number }>;
  return contacts.map((x) => x.id);
};

describe('POST /api/v4/leads/unsorted/forms', () => {
  it('puts a deal with its contact into the incoming stage and lists the entry as amoCRM does', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const [entry] = await postForms(c, [
      formItem('Ольга', [phoneField('+7 912 000-11-22')], { request_id: 'r1' }),
    ]);
    expect(entry).toMatchObject({ uid: expect.any(String), request_id: 'r1', account_id: c.accountId });
    const dealId = entry?._embedded.leads[0]?.id ?? 0;
    const lead = await getLead(c, dealId, 'contacts');
    expect(lead).toMatchObject({ name: 'Заявка: Ольга', price: 5000, status_id: main.incoming.id });
    expect(await contactIdsOf(c, dealId)).toEqual([entry?._embedded.contacts[0]?.id]);

    const list = await c.call('GET', '/api/v4/leads/unsorted');
    expect(list.statusCode).toBe(200);
    const items = list.json()._embedded.unsorted;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      uid: entry?.uid,
      source_uid: 'site-form-1',
      source_name: 'Форма на сайте',
      category: 'forms',
      pipeline_id: main.id,
      metadata: { form_name: 'Обратный звонок', ip: '203.0.113.7', referer: 'https://yandex.ru/' },
      _embedded: { leads: [{ id: dealId }] },
    });
    const one = await c.call('GET', `/api/v4/leads/unsorted/${entry?.uid}`);
    expect(one.json()).toMatchObject({ uid: entry?.uid, category: 'forms' });
    const missing = await c.call('GET', '/api/v4/leads/unsorted/no-such-uid');
    expect(missing.statusCode).toBe(404);
  });

  it('links an existing contact found by phone in another format or e-mail in another case, and records the match', async () => {
    const c = await signedInClient(t.app);
    const made = await c.call('POST', '/api/v4/contacts', [
      {
        name: 'Ольга Петрова',
        custom_fields_values: [phoneField('+7 (912) 000-11-22'), emailField('olga@example.com')],
      },
    ]);
    const existingId: number = made.json()._embedded.contacts[0].id;
    const contactsBefore = await countRows(t.database.db, 'contacts', c.accountId);

    const [byPhone] = await postForms(c, [formItem('Оля', [phoneField('8 912 000 11 22')])]);
    const [byEmail] = await postForms(c, [formItem('Olga', [emailField('OLGA@Example.com ')])]);
    expect(byPhone?._embedded.contacts[0]?.id).toBe(existingId);
    expect(byEmail?._embedded.contacts[0]?.id).toBe(existingId);
    expect(await countRows(t.database.db, 'contacts', c.accountId)).toBe(contactsBefore);

    const app = await c.call('GET', `/api/app/inbox/${byPhone?.uid}`);
    expect(app.statusCode).toBe(200);
    expect(app.json()).toMatchObject({
      status: 'new',
      contact: { id: existingId, is_new: false },
      duplicates: [{ entity_type: 'contacts', id: existingId, name: 'Ольга Петрова', matched_by: ['phone'] }],
      payload: { contact: { name: 'Оля', phones: ['8 912 000 11 22'] } },
    });
  });

  it('refuses bad items with the failing request_id and writes nothing', async () => {
    const c = await signedInClient(t.app);
    await mainPipeline(c);
    const before = await countRows(t.database.db, 'deals', c.accountId);
    const noSource = await c.call('POST', '/api/v4/leads/unsorted/forms', [{ metadata: {} }]);
    expect(noSource.statusCode).toBe(400);
    expect(noSource.headers['content-type']).toContain('application/problem+json');
    const badPipeline = await c.call('POST', '/api/v4/leads/unsorted/forms', [
      formItem('A', [phoneField('+79120000001')]),
      formItem('B', [phoneField('+79120000002')], { request_id: 'second', pipeline_id: 999999 }),
    ]);
    expect(badPipeline.statusCode).toBe(400);
    expect(badPipeline.json()['validation-errors'][0]).toMatchObject({
      request_id: 'second',
      errors: [{ path: 'pipeline_id', code: 'NotFound' }],
    });
    expect(await countRows(t.database.db, 'deals', c.accountId)).toBe(before);
    expect(await t.database.db.selectFrom('incoming_leads').selectAll().execute()).toEqual([]);
  });
});

describe('accept, decline, link', () => {
  it('accepts into the chosen stage with a responsible user, once', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const target = main.open[1];
    const [entry] = await postForms(c, [formItem('Иван', [phoneField('+79120000003')])]);
    const res = await c.call('POST', `/api/v4/leads/unsorted/${entry?.uid}/accept`, {
      status_id: target?.id,
      user_id: c.userId,
    });
    expect(res.statusCode).toBe(200);
    assertMatchesSpec('post', '/api/v4/leads/unsorted/{uid}/accept', 200, res.json());
    expect(res.json()).toMatchObject({ uid: entry?.uid, category: 'forms', pipeline_id: main.id });
    const lead = await getLead(c, entry?._embedded.leads[0]?.id ?? 0);
    expect(lead).toMatchObject({ status_id: target?.id, responsible_user_id: c.userId });

    const again = await c.call('POST', `/api/v4/leads/unsorted/${entry?.uid}/accept`, {});
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toContain('already accepted');
    const list = await c.call('GET', '/api/v4/leads/unsorted');
    expect(list.statusCode).toBe(204);
  });

  it('accepts into the first open stage by default and refuses the incoming stage', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const [entry] = await postForms(c, [formItem('Анна', [phoneField('+79120000004')])]);
    const intoIncoming = await c.call('POST', `/api/v4/leads/unsorted/${entry?.uid}/accept`, {
      status_id: main.incoming.id,
    });
    expect(intoIncoming.statusCode).toBe(400);
    const ok = await c.call('POST', `/api/v4/leads/unsorted/${entry?.uid}/accept`);
    expect(ok.statusCode).toBe(200);
    expect((await getLead(c, entry?._embedded.leads[0]?.id ?? 0)).status_id).toBe(main.open[0]?.id);
  });

  it('declines: the deal and the new contact go to the trash, the entry stays for the log', async () => {
    const c = await signedInClient(t.app);
    const [entry] = await postForms(c, [formItem('Спам', [phoneField('+79120000005')])]);
    const res = await c.call('DELETE', `/api/v4/leads/unsorted/${entry?.uid}/decline`, {});
    expect(res.statusCode).toBe(200);
    assertMatchesSpec('delete', '/api/v4/leads/unsorted/{uid}/decline', 200, res.json());
    const deal = await c.call('GET', `/api/v4/leads/${entry?._embedded.leads[0]?.id}`);
    expect(deal.statusCode).toBe(404);
    const contact = await c.call('GET', `/api/v4/contacts/${entry?._embedded.contacts[0]?.id}`);
    expect(contact.statusCode).toBe(404);
    const kept = await c.call('GET', `/api/app/inbox/${entry?.uid}`);
    expect(kept.json()).toMatchObject({ status: 'declined', decided_by: c.userId });

    const summary = await c.call('GET', '/api/v4/leads/unsorted/summary');
    expect(summary.json()).toMatchObject({
      total: 1,
      accepted: 0,
      declined: 1,
      categories: { forms: 1, sip: 0 },
    });
  });

  it('declining keeps an existing contact found by duplicate control', async () => {
    const c = await signedInClient(t.app);
    const made = await c.call('POST', '/api/v4/contacts', [
      { name: 'Клиент', custom_fields_values: [phoneField('+79120000006')] },
    ]);
    const existingId: number = made.json()._embedded.contacts[0].id;
    const [entry] = await postForms(c, [formItem('Клиент', [phoneField('+7 912 000 00 06')])]);
    await c.call('DELETE', `/api/v4/leads/unsorted/${entry?.uid}/decline`);
    expect((await c.call('GET', `/api/v4/contacts/${existingId}`)).statusCode).toBe(200);
  });

  it('links to an existing deal: the contact joins it, a note says what arrived, the incoming deal is trashed', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const existing = await c.call('POST', '/api/v4/leads', [
      { name: 'Заказ №17', status_id: main.open[0]?.id },
    ]);
    const targetId: number = existing.json()._embedded.leads[0].id;
    const [entry] = await postForms(c, [formItem('Пётр', [phoneField('+79120000007')])]);
    const res = await c.call('POST', `/api/v4/leads/unsorted/${entry?.uid}/link`, {
      link: { entity_id: targetId, entity_type: 'leads' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()._embedded.leads).toEqual([expect.objectContaining({ id: targetId })]);
    expect(await contactIdsOf(c, targetId)).toContain(entry?._embedded.contacts[0]?.id);
    expect((await c.call('GET', `/api/v4/leads/${entry?._embedded.leads[0]?.id}`)).statusCode).toBe(404);
    const notes = await c.call('GET', `/api/v4/leads/${targetId}/notes`);
    expect(notes.json()._embedded.notes[0].params.text).toContain('Пётр');
    const summary = await c.call('GET', '/api/v4/leads/unsorted/summary');
    expect(summary.json()).toMatchObject({ total: 1, accepted: 1, declined: 0 });
  });
});

describe('sip, auto-accept and isolation', () => {
  it('makes a call into an entry whose contact is the caller number', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('POST', '/api/v4/leads/unsorted/sip', [
      {
        source_uid: 'pbx',
        source_name: 'Телефония',
        metadata: {
          phone: '+7 495 000-00-01',
          uniq: 'call-1',
          duration: 42,
          called_at: 1_760_000_000,
          from: 'pbx',
        },
      },
    ]);
    expect(res.statusCode).toBe(200);
    const entry = res.json()._embedded.unsorted[0];
    const contact = await c.call('GET', `/api/v4/contacts/${entry._embedded.contacts[0].id}`);
    expect(contact.json().name).toBe('+7 495 000-00-01');
    const list = await c.call('GET', '/api/v4/leads/unsorted?filter[category][]=sip');
    expect(list.json()._embedded.unsorted[0]).toMatchObject({ category: 'sip', metadata: { duration: 42 } });
    const forms = await c.call('GET', '/api/v4/leads/unsorted?filter[category][]=forms');
    expect(forms.statusCode).toBe(204);
  });

  it('accepts at once into the first open stage when the pipeline takes no incoming leads', async () => {
    const c = await signedInClient(t.app);
    const main = await mainPipeline(c);
    const off = await c.call('PATCH', `/api/v4/leads/pipelines/${main.id}`, { is_unsorted_on: false });
    expect(off.statusCode).toBe(200);
    const [entry] = await postForms(c, [formItem('Быстрый', [phoneField('+79120000008')])]);
    expect((await getLead(c, entry?._embedded.leads[0]?.id ?? 0)).status_id).toBe(main.open[0]?.id);
    const app = await c.call('GET', `/api/app/inbox/${entry?.uid}`);
    expect(app.json()).toMatchObject({ status: 'accepted', decided_by: 0 });
  });

  it('keeps accounts apart', async () => {
    const c = await signedInClient(t.app);
    const [entry] = await postForms(c, [formItem('Чужой', [phoneField('+79120000009')])]);
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const headers = { authorization: `Bearer ${other.token}` };
    const get = await t.app.inject({ url: `/api/v4/leads/unsorted/${entry?.uid}`, headers });
    expect(get.statusCode).toBe(404);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v4/leads/unsorted/${entry?.uid}/accept`,
      headers,
    });
    expect(accept.statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v4/leads/unsorted', headers });
    expect(list.statusCode).toBe(204);
  });
});
