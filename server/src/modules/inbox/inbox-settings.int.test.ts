import { automationSettingsSchema } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTrigger, newPipeline } from '../automation/automation-api.test-support.ts';
import {
  buildAutomationApp,
  waitFor,
  type AutomationTestApp,
} from '../automation/automation.test-support.ts';
import { writeAutomationSettings } from '../automation/settings.repo.ts';
import { getLead, signedInClient, type Client } from '../deals/deals.test-support.ts';
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

async function newForm(pipelineId: number) {
  const res = await c.call('POST', '/api/app/forms', {
    name: 'Запись на курс',
    lang: 'ru',
    pipeline_id: pipelineId,
    is_active: true,
    settings: {
      fields: [
        { key: 'name', label: 'Имя', type: 'text', target: 'contact_name', required: true },
        { key: 'phone', label: 'Телефон', type: 'phone', target: 'contact_phone', required: true },
      ],
      consent: { enabled: false, text: '' },
      submit_label: '',
      success: { mode: 'text', text: 'Спасибо', redirect_url: '' },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ uid: string }>();
}

/** Posts the hosted form as a visitor would; answers the deal the submission made. */
async function submit(formUid: string, name: string, phone: string, ip: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/public/forms/${formUid}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    payload: new URLSearchParams({ name, phone }).toString(),
  });
  expect(res.statusCode, res.body).toBeLessThan(400);
  const deal = await t.database.db
    .selectFrom('deals')
    .innerJoin('incoming_leads', 'incoming_leads.deal_id', 'deals.id')
    .select(['deals.id', 'incoming_leads.status'])
    .where('deals.account_id', '=', c.accountId)
    .orderBy('deals.id', 'desc')
    .executeTakeFirstOrThrow();
  return deal;
}

async function apiForm(pipelineId: number, phone: string) {
  const res = await c.call('POST', '/api/v4/leads/unsorted/forms', [
    {
      source_uid: 'tilda',
      source_name: 'Tilda',
      pipeline_id: pipelineId,
      metadata: { form_id: 'f', form_name: 'Заявка', form_page: 'https://x.example', ip: '203.0.113.9' },
      _embedded: {
        contacts: [
          { name: phone, custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone }] }] },
        ],
      },
    },
  ]);
  expect(res.statusCode, res.body).toBe(200);
  const entry = res.json<{
    _embedded: { unsorted: Array<{ uid: string; _embedded: { leads: Array<{ id: number }> } }> };
  }>()._embedded.unsorted[0];
  if (!entry) throw new Error('no entry');
  return entry;
}

const setAuto = (pipelineId: number, channel: string, body: Record<string, unknown>) =>
  c.call('PUT', `/api/app/inbox/auto-accept/${pipelineId}/${channel}`, body);

describe('inbox auto-accept per pipeline and channel', () => {
  it('puts web form submissions straight into the chosen stage, distributed, with triggers firing', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить', 'Записан']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'Первый' });
    const u2 = await buildUser(t.database.db, c.accountId, { name: 'Второй' });
    const rule = await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
      mode: 'round_robin',
      user_ids: [u1.id, u2.id],
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const set = await setAuto(p.id, 'forms', { stage_id: p.stage('Позвонить') });
    expect(set.statusCode, set.body).toBe(200);
    expect((await c.call('GET', '/api/app/inbox/auto-accept')).json()).toEqual({
      items: [{ pipeline_id: p.id, channel: 'forms', stage_id: p.stage('Позвонить'), user_id: null }],
    });
    // The stage's "incoming form" trigger runs for an auto-accepted lead as for a manual accept.
    await addTrigger(c, p.id, {
      stage_id: p.stage('Позвонить'),
      when: { kind: 'incoming_form' },
      action: { type: 'edit_tags', params: { add: ['с сайта'], remove: [] } },
    });

    const form = await newForm(p.id);
    const first = await submit(form.uid, 'Анна', '+7 912 000-00-01', '198.51.100.1');
    const second = await submit(form.uid, 'Борис', '+7 912 000-00-02', '198.51.100.2');
    expect([first.status, second.status]).toEqual(['accepted', 'accepted']);
    const d1 = await getLead(c, first.id);
    const d2 = await getLead(c, second.id);
    expect([d1.status_id, d2.status_id]).toEqual([p.stage('Позвонить'), p.stage('Позвонить')]);
    expect([d1.responsible_user_id, d2.responsible_user_id]).toEqual([u1.id, u2.id]);
    await waitFor(async () => {
      const res = await c.call('GET', `/api/v4/leads/${first.id}`);
      const deal: { _embedded: { tags: Array<{ name: string }> } } = res.json();
      return deal._embedded.tags.some((tag) => tag.name === 'с сайта');
    });

    // Off again: the next submission waits in the inbox.
    const off = await setAuto(p.id, 'forms', { stage_id: null });
    expect(off.statusCode, off.body).toBe(200);
    expect((await c.call('GET', '/api/app/inbox/auto-accept')).json()).toEqual({ items: [] });
    const third = await submit(form.uid, 'Вера', '+7 912 000-00-03', '198.51.100.3');
    expect(third.status).toBe('new');
  });

  it('keeps the API channel apart from web forms, and uses the rule user when one is set', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'Дежурный' });
    await setAuto(p.id, 'forms', { stage_id: p.stage('Новые') });
    const viaApi = await apiForm(p.id, '+79120000101');
    const waiting: { status: string } = (await c.call('GET', `/api/app/inbox/${viaApi.uid}`)).json();
    expect(waiting.status).toBe('new');

    const set = await setAuto(p.id, 'api', { stage_id: p.stage('Позвонить'), user_id: u1.id });
    expect(set.statusCode, set.body).toBe(200);
    const accepted = await apiForm(p.id, '+79120000102');
    const deal = await getLead(c, accepted._embedded.leads[0]?.id ?? 0);
    expect(deal.status_id).toBe(p.stage('Позвонить'));
    expect(deal.responsible_user_id).toBe(u1.id);
  });

  it('refuses stages of other pipelines, closed stages and unknown users; a deleted stage keeps leads waiting', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые', 'Позвонить']);
    const other = await newPipeline(c, 'Опт', ['Первичный']);
    const won = await t.database.db
      .selectFrom('stages')
      .select('id')
      .where('pipeline_id', '=', p.id)
      .where('kind', '=', 'won')
      .executeTakeFirstOrThrow();
    expect((await setAuto(p.id, 'forms', { stage_id: other.stage('Первичный') })).statusCode).toBe(400);
    expect((await setAuto(p.id, 'forms', { stage_id: won.id })).statusCode).toBe(400);
    expect((await setAuto(p.id, 'forms', { stage_id: p.stage('Новые'), user_id: 999_999 })).statusCode).toBe(
      400,
    );
    expect((await setAuto(p.id, 'fax', { stage_id: p.stage('Новые') })).statusCode).toBe(400);
    expect((await setAuto(999_999, 'forms', { stage_id: p.stage('Новые') })).statusCode).toBe(400);

    expect((await setAuto(p.id, 'api', { stage_id: p.stage('Позвонить') })).statusCode).toBe(200);
    const del = await c.call('DELETE', `/api/v4/leads/pipelines/${p.id}/statuses/${p.stage('Позвонить')}`);
    expect(del.statusCode, del.body).toBeLessThan(300);
    const entry = await apiForm(p.id, '+79120000201');
    const shown: { status: string } = (await c.call('GET', `/api/app/inbox/${entry.uid}`)).json();
    expect(shown.status).toBe('new');
  });
});

describe('inbox distribution rules', () => {
  it('shares accepted leads by percentage', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'Старший' });
    const u2 = await buildUser(t.database.db, c.accountId, { name: 'Младший' });
    const missing = await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
      mode: 'percentage',
      user_ids: [u1.id, u2.id],
      weights: [75],
    });
    expect(missing.statusCode).toBe(400);
    const rule = await c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
      mode: 'percentage',
      user_ids: [u1.id, u2.id],
      weights: [75, 25],
    });
    expect(rule.statusCode, rule.body).toBe(200);
    await setAuto(p.id, 'api', { stage_id: p.stage('Новые') });
    const owners: Array<number | null> = [];
    for (let i = 0; i < 8; i++) {
      const entry = await apiForm(p.id, `+7912000030${i}`);
      owners.push((await getLead(c, entry._embedded.leads[0]?.id ?? 0)).responsible_user_id);
    }
    expect(owners.filter((o) => o === u1.id)).toHaveLength(6);
    expect(owners.filter((o) => o === u2.id)).toHaveLength(2);
  });

  it('skips users marked as not working when the rule says so', async () => {
    const p = await newPipeline(c, 'Курсы', ['Новые']);
    const u1 = await buildUser(t.database.db, c.accountId, { name: 'В отпуске' });
    const u2 = await buildUser(t.database.db, c.accountId, { name: 'На смене' });
    await writeAutomationSettings(
      t.database.db,
      c.accountId,
      automationSettingsSchema.parse({ away_user_ids: [u1.id] }),
    );
    await setAuto(p.id, 'api', { stage_id: p.stage('Новые') });
    const put = (only_working: boolean) =>
      c.call('PUT', `/api/app/inbox/distribution/${p.id}`, {
        mode: 'round_robin',
        user_ids: [u1.id, u2.id],
        only_working,
      });
    expect((await put(true)).statusCode).toBe(200);
    const owners: Array<number | null> = [];
    for (let i = 0; i < 3; i++) {
      const entry = await apiForm(p.id, `+7912000040${i}`);
      owners.push((await getLead(c, entry._embedded.leads[0]?.id ?? 0)).responsible_user_id);
    }
    expect(owners).toEqual([u2.id, u2.id, u2.id]);
    expect((await put(false)).statusCode).toBe(200);
    const next = await apiForm(p.id, '+79120000499');
    // Round robin again counts everyone: the away user, with none so far, is next.
    expect((await getLead(c, next._embedded.leads[0]?.id ?? 0)).responsible_user_id).toBe(u1.id);
  });
});
