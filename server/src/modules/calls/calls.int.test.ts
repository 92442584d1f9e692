import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { assertMatchesSpec } from '../../test/spec.ts';
import { mainPipeline, signedInClient, type Client } from '../deals/deals.test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const call = (phone: string, extra: Record<string, unknown> = {}) => ({
  direction: 'inbound',
  phone,
  duration: 95,
  source: 'Mango Office',
  uniq: `call-${phone}-${String(extra.duration ?? 95)}`,
  link: 'https://pbx.example/rec/1.mp3',
  ...extra,
});

async function knownClientWithDeal(c: Client) {
  const main = await mainPipeline(c);
  const res = await c.call('POST', '/api/v4/leads/complex', [
    {
      name: 'Курс английского',
      status_id: main.open[0]?.id,
      _embedded: {
        contacts: [
          {
            name: 'Ольга',
            custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+7 912 555-00-11' }] }],
          },
        ],
      },
    },
  ]);
  const [made] = res.json();
  return { dealId: made.id as number, contactId: made.contact_id as number };
}

const tasksOf = (dealId: number) =>
  t.database.db
    .selectFrom('tasks')
    .selectAll()
    .where('entity_type', '=', 'leads')
    .where('entity_id', '=', dealId)
    .execute();

describe('POST /api/v4/calls', () => {
  it('puts a call from a known number on the open deal as a call note with duration and recording', async () => {
    const c = await signedInClient(t.app);
    const { dealId } = await knownClientWithDeal(c);
    const res = await c.call('POST', '/api/v4/calls', [call('89125550011', { request_id: 'a' })]);
    expect(res.statusCode).toBe(200);
    assertMatchesSpec('post', '/api/v4/calls', 200, res.json());
    expect(res.json()).toMatchObject({
      _total_items: 1,
      errors: [],
      _embedded: { calls: [{ entity_id: dealId, entity_type: 'leads', request_id: 'a' }] },
    });
    const notes = await c.call('GET', `/api/v4/leads/${dealId}/notes`);
    expect(notes.json()._embedded.notes[0]).toMatchObject({
      note_type: 'call_in',
      params: {
        duration: 95,
        link: 'https://pbx.example/rec/1.mp3',
        phone: '89125550011',
        source: 'Mango Office',
      },
    });
    const events = await t.database.db
      .selectFrom('events')
      .select(['type', 'subtype'])
      .where('entity_id', '=', dealId)
      .where('type', '=', 'note.added')
      .execute();
    expect(events).toContainEqual({ type: 'note.added', subtype: 'call_in' });
    expect(await tasksOf(dealId)).toEqual([]);
  });

  it('makes a missed call from a known number into a call-back task for the deal owner', async () => {
    const c = await signedInClient(t.app);
    const { dealId } = await knownClientWithDeal(c);
    await c.call('POST', '/api/v4/calls', [call('+79125550011', { duration: 0, call_status: 6 })]);
    const [task] = await tasksOf(dealId);
    expect(task).toMatchObject({
      text: 'Перезвонить: +79125550011',
      responsible_user_id: c.userId,
      is_completed: 0,
    });
  });

  it('puts a call from an unknown number into the inbox, and reports an outbound one to nobody', async () => {
    const c = await signedInClient(t.app);
    const res = await c.call('POST', '/api/v4/calls', [
      call('+7 495 111-22-33', { duration: 0 }),
      call('+7 495 999-88-77', { direction: 'outbound', request_id: 'out' }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ request_id: 'out', code: 'EntityNotFound' }),
    ]);
    const inbox = await c.call('GET', '/api/v4/leads/unsorted?filter[category][]=sip');
    const [entry] = inbox.json()._embedded.unsorted;
    expect(entry).toMatchObject({
      category: 'sip',
      source_name: 'Mango Office',
      metadata: { phone: '+7 495 111-22-33', missed: true },
    });
    const dealId: number = entry._embedded.leads[0].id;
    expect(await tasksOf(dealId)).toHaveLength(1);
  });

  it('takes the provider-neutral webhook', async () => {
    const c = await signedInClient(t.app);
    const { dealId } = await knownClientWithDeal(c);
    const res = await c.call('POST', '/api/v4/calls/inbound', {
      phone: '8 912 555 00 11',
      status: 'missed',
      call_id: 'pbx-42',
      provider: 'Asterisk',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'note', entityType: 'leads', entityId: dealId });
    expect(await tasksOf(dealId)).toHaveLength(1);
    const bad = await c.call('POST', '/api/v4/calls/inbound', { phone: '', status: 'odd' });
    expect(bad.statusCode).toBe(400);
  });
});
