import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTrigger, newPipeline } from '../automation/automation-api.test-support.ts';
import {
  buildAutomationApp,
  waitFor,
  type AutomationTestApp,
} from '../automation/automation.test-support.ts';
import { getLead, signedInClient, type Client } from '../deals/deals.test-support.ts';
import { setMode } from '../duplicates/duplicates.test-support.ts';
import { buildUser } from '../../test/factories.ts';

let t: AutomationTestApp;
let c: Client;
beforeEach(async () => {
  t = await buildAutomationApp();
  c = await signedInClient(t.app);
});
afterEach(async () => {
  await t.close();
});

const form = (pipelineId: number, name: string, phone: string) => ({
  source_uid: 'site',
  source_name: 'Сайт',
  pipeline_id: pipelineId,
  metadata: {
    form_id: 'f',
    form_name: 'Заявка',
    form_page: 'https://x.example',
    ip: '203.0.113.9',
    form_sent_at: 1,
  },
  _embedded: {
    leads: [{ name: `Заявка ${name}` }],
    contacts: [{ name, custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone }] }] }],
  },
});
type Posted = { uid: string; _embedded: { leads: Array<{ id: number }>; contacts: Array<{ id: number }> } };
async function post(item: Record<string, unknown>): Promise<Posted> {
  const res = await c.call('POST', '/api/v4/leads/unsorted/forms', [item]);
  expect(res.statusCode, res.body).toBe(200);
  const body: { _embedded: { unsorted: Posted[] } } = res.json();
  const entry = body._embedded.unsorted[0];
  if (!entry) throw new Error('no entry');
  return entry;
}
const accept = async (uid: string, body: Record<string, unknown>) => {
  const res = await c.call('POST', `/api/app/inbox/${uid}/accept`, body);
  expect(res.statusCode, res.body).toBe(200);
};

describe('accepting incoming leads', () => {
  it('gives accepted leads to users by the pipeline distribution rule, unless a user is chosen', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'Первый' });
    const u2 = await buildUser(t.database.db, c.accountId, { name: 'Второй' });
    const bad = await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
      mode: 'round_robin',
      user_ids: [],
    });
    expect(bad.statusCode).toBe(400);
    const rule = await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
      mode: 'round_robin',
      user_ids: [u1.id, u2.id],
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const listed = await c.call('GET', '/api/app/inbox/distribution');
    expect(listed.json()).toEqual({
      items: [
        {
          pipeline_id: p.id,
          mode: 'round_robin',
          user_ids: [u1.id, u2.id],
          weights: [],
          only_working: false,
        },
      ],
    });

    const owners: Array<number | null> = [];
    for (const [i, phone] of ['+79120000001', '+79120000002', '+79120000003'].entries()) {
      const entry = await post(form(p.id, `Клиент ${i}`, phone));
      await accept(entry.uid, { stage_id: p.stage('Новые') });
      owners.push((await getLead(c, entry._embedded.leads[0]?.id ?? 0)).responsible_user_id);
    }
    expect(owners).toEqual([u1.id, u2.id, u1.id]);
    const chosen = await post(form(p.id, 'Выбранный', '+79120000004'));
    await accept(chosen.uid, { stage_id: p.stage('Новые'), user_id: u2.id });
    expect((await getLead(c, chosen._embedded.leads[0]?.id ?? 0)).responsible_user_id).toBe(u2.id);
  });

  it('raises the incoming form signal in the stage the lead is accepted into, so its triggers run', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    await addTrigger(c, p.id, {
      stage_id: p.stage('Новые'),
      when: { kind: 'incoming_form' },
      action: { type: 'change_stage', params: { stage_id: p.stage('Позвонить') } },
    });
    const entry = await post(form(p.id, 'Анна', '+79120000010'));
    const dealId = entry._embedded.leads[0]?.id ?? 0;
    await accept(entry.uid, { stage_id: p.stage('Новые') });
    await waitFor(async () => (await getLead(c, dealId)).status_id === p.stage('Позвонить'));
  });

  it('auto-accepts a source straight into a stage with the distributed responsible', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'Дежурный' });
    await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, { mode: 'user', user_ids: [u1.id] });
    await post(form(p.id, 'Первый', '+79120000020'));
    const sources: { items: Array<{ id: number; source_uid: string }> } = (
      await c.call('GET', '/api/app/inbox/sources')
    ).json();
    const source = sources.items.find((s) => s.source_uid === 'site');
    const set = await c.call('PATCH', `/api/app/inbox/sources/${source?.id ?? 0}`, {
      auto_accept_stage_id: p.stage('Позвонить'),
    });
    expect(set.statusCode, set.body).toBe(200);
    const entry = await post(form(p.id, 'Второй', '+79120000021'));
    const deal = await getLead(c, entry._embedded.leads[0]?.id ?? 0);
    expect(deal.status_id).toBe(p.stage('Позвонить'));
    expect(deal.responsible_user_id).toBe(u1.id);
  });
});

describe('duplicate control on arrival', () => {
  it('adds an arrival from a known contact to their open deal when configured', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    await setMode(c, { arrivals: 'merge', merge_open_deal: true });
    const first = await post(form(p.id, 'Ольга', '+7 912 000-11-22'));
    await accept(first.uid, { stage_id: p.stage('Новые') });
    const dealId = first._embedded.leads[0]?.id ?? 0;
    const again = await post(form(p.id, 'Ольга снова', '8 (912) 000-11-22'));
    expect(again._embedded.leads[0]?.id).toBe(dealId);
    expect(again._embedded.contacts[0]?.id).toBe(first._embedded.contacts[0]?.id);
    const deals = await t.database.db
      .selectFrom('deals')
      .select('id')
      .where('account_id', '=', c.accountId)
      .execute();
    expect(deals.map((d) => d.id)).toEqual([dealId]);
    const entry: { status: string } = (await c.call('GET', `/api/app/inbox/${again.uid}`)).json();
    expect(entry.status).toBe('linked');
  });

  it('creates a new contact but shows the match in warn mode, and looks for nothing when off', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые']);
    const existing = await post(form(p.id, 'Ольга', '+79120001122'));
    await setMode(c, { arrivals: 'warn' });
    const warned = await post(form(p.id, 'Ольга 2', '89120001122'));
    expect(warned._embedded.contacts[0]?.id).not.toBe(existing._embedded.contacts[0]?.id);
    const shown: { duplicates: Array<{ id: number }> } = (
      await c.call('GET', `/api/app/inbox/${warned.uid}`)
    ).json();
    expect(shown.duplicates.map((d) => d.id)).toEqual([existing._embedded.contacts[0]?.id]);
    await setMode(c, { arrivals: 'off' });
    const off = await post(form(p.id, 'Ольга 3', '+7 912 000 11 22'));
    const none: { duplicates: unknown[] } = (await c.call('GET', `/api/app/inbox/${off.uid}`)).json();
    expect(none.duplicates).toEqual([]);
  });
});
