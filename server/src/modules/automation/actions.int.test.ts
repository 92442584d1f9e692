import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '@voronka/common';
import { buildUser } from '../../test/factories.ts';
import { signedInClient, type Client } from '../deals/deals.test-support.ts';
import {
  addTrigger,
  createContact,
  createDealIn,
  createField,
  dealOf,
  fieldValue,
  moveDealTo,
  newPipeline,
} from './automation-api.test-support.ts';
import { buildAutomationApp, runsOf, waitFor, type AutomationTestApp } from './automation.test-support.ts';
import { startHttpReceiver, startSmtpSink } from './test-peers.ts';

let t: AutomationTestApp;
let client: Client;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let http: Awaited<ReturnType<typeof startHttpReceiver>>;
let contactId: number;

beforeAll(async () => {
  t = await buildAutomationApp();
  client = await signedInClient(t.app);
  smtp = await startSmtpSink();
  http = await startHttpReceiver();
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/app/automation/settings',
    headers: { cookie: client.admin.cookie, 'x-csrf-token': client.admin.csrf },
    payload: {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Мебель Х <shop@mebel.test>' },
      sms: {
        url: `${http.url}/sms`,
        method: 'POST',
        body: '{"to":"{{phone}}","message":"{{text}}"}',
        token: 'sms-secret',
      },
      ga4: { measurement_id: 'G-TEST', api_secret: 'ga-secret', endpoint: `${http.url}/mp/collect` },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).not.toContain('sms-secret');
  contactId = await createContact(client, {
    name: 'Вася <b>Пупкин</b>',
    first_name: 'Вася <b>',
    custom_fields_values: [
      { field_code: 'PHONE', values: [{ value: '+7 (912) 345-67-89', enum_code: 'WORK' }] },
      { field_code: 'EMAIL', values: [{ value: 'vasya@client.test', enum_code: 'WORK' }] },
    ],
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await http.close();
});

const doneRun = (dealId: number, status = 'done') =>
  waitFor(async () => (await runsOf(t.database, dealId)).find((r) => r.status === status));

describe('actions against real peers', () => {
  it('sends a templated, escaped, tracked email; the click and the open raise their triggers', async () => {
    const p = await newPipeline(client, 'Email', ['Письмо', 'Кликнул', 'Открыл']);
    await addTrigger(client, p.id, {
      stage_id: p.stage('Письмо'),
      when: { kind: 'moved_into' },
      action: {
        type: 'send_email',
        params: {
          subject: 'Диваны для {{contact.first_name}}',
          body: '<p>Здравствуйте, {{contact.first_name}}! Бюджет {{deal.budget}}.</p><a href="https://mebel.test/sofas?a=1&amp;b=2">Каталог</a><p>{{responsible.name}}</p>',
        },
      },
    });
    await addTrigger(client, p.id, {
      stage_id: p.stage('Письмо'),
      when: { kind: 'link_clicked' },
      action: { type: 'change_stage', params: { stage_id: p.stage('Кликнул') } },
    });
    await addTrigger(client, p.id, {
      stage_id: p.stage('Кликнул'),
      when: { kind: 'email_opened' },
      action: { type: 'change_stage', params: { stage_id: p.stage('Открыл') } },
    });
    const dealId = await createDealIn(client, {
      name: 'Диван',
      price: 56000,
      pipeline_id: p.id,
      status_id: p.stage('Кликнул'),
      _embedded: { contacts: [{ id: contactId }] },
    });
    await moveDealTo(client, dealId, p.stage('Письмо'));
    const mail = await waitFor(async () => smtp.mails.find((m) => m.subject.includes('Вася')));
    expect(mail.subject).toBe('Диваны для Вася <b>');
    expect(mail.to).toContain('vasya@client.test');
    expect(mail.html).toContain('Здравствуйте, Вася &lt;b&gt;! Бюджет 56000.');
    expect(mail.html).toContain('Анна Админова');
    const click = /href="http:\/\/crm\.test(\/api\/public\/automation\/click\?t=[^"]+)"/.exec(mail.html)?.[1];
    const open = /src="http:\/\/crm\.test(\/api\/public\/automation\/open\?t=[^"]+)"/.exec(mail.html)?.[1];
    expect(click && open).toBeTruthy();

    const redirect = await t.app.inject({ method: 'GET', url: click ?? '' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('https://mebel.test/sofas?a=1&b=2');
    await waitFor(async () => (await dealOf(client, dealId)).status_id === p.stage('Кликнул'));
    const pixel = await t.app.inject({ method: 'GET', url: open ?? '' });
    expect(pixel.headers['content-type']).toBe('image/gif');
    await waitFor(async () => (await dealOf(client, dealId)).status_id === p.stage('Открыл'));
    const forged = await t.app.inject({ method: 'GET', url: `${click ?? ''}x` });
    expect(forged.statusCode).toBe(404);
  });

  it('sends a signed JSON webhook and an amoCRM-format one', async () => {
    const p = await newPipeline(client, 'Hooks', ['Хук']);
    await addTrigger(client, p.id, {
      stage_id: p.stage('Хук'),
      when: { kind: 'created' },
      action: { type: 'send_webhook', params: { url: `${http.url}/json`, format: 'json', secret: 's3cret' } },
    });
    await addTrigger(client, p.id, {
      stage_id: p.stage('Хук'),
      when: { kind: 'created' },
      action: { type: 'send_webhook', params: { url: `${http.url}/amo`, format: 'amocrm' } },
    });
    const dealId = await createDealIn(client, {
      name: 'Хук',
      price: 10,
      pipeline_id: p.id,
      status_id: p.stage('Хук'),
    });
    const json = await waitFor(async () =>
      http.requests.find((r) => r.url === '/json' && r.body.includes(`"id":${dealId}`)),
    );
    const signature = createHmac('sha256', 's3cret').update(json.body).digest('hex');
    expect(json.headers['x-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(json.body)).toMatchObject({
      deal: { id: dealId, name: 'Хук', price: 10, status_id: p.stage('Хук') },
    });
    const amo = await waitFor(async () =>
      http.requests.find((r) => r.url === '/amo' && r.body.includes(String(dealId))),
    );
    const form = new URLSearchParams(amo.body);
    expect(form.get('leads[status][0][id]')).toBe(String(dealId));
    expect(form.get('leads[status][0][pipeline_id]')).toBe(String(p.id));
    expect(amo.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('retries a receiver that is down with backoff, then gives up with a visible error', async () => {
    const p = await newPipeline(client, 'Down', ['Down']);
    await addTrigger(client, p.id, {
      name: 'Уведомить склад',
      stage_id: p.stage('Down'),
      when: { kind: 'created' },
      action: { type: 'send_webhook', params: { url: `${http.url}/down`, format: 'json' } },
    });
    http.state.status = 503;
    const dealId = await createDealIn(client, {
      name: 'down',
      pipeline_id: p.id,
      status_id: p.stage('Down'),
    });
    const failed = await doneRun(dealId, 'failed');
    http.state.status = 200;
    expect(failed.attempts).toBe(3);
    expect(failed.error).toMatch(/answered 503/);
    expect(http.requests.filter((r) => r.url === '/down')).toHaveLength(3);
    const feed = await client.call(
      'GET',
      `/api/app/timeline?entity_type=leads&entity_id=${dealId}&kind=robot`,
    );
    const [line] = feed.json<Timeline>().items;
    expect(line).toMatchObject({ kind: 'robot', label: 'Уведомить склад', status: 'failed', summary: null });
    expect(line?.kind === 'robot' && line.error).toMatch(/503/);
    const triggers = await client.call('GET', `/api/app/pipelines/${p.id}/triggers`);
    expect(triggers.json<Array<{ stats: { failed: number; last_error: string } }>>()[0]?.stats).toMatchObject(
      { failed: 1 },
    );
  });

  it('sends an SMS through the HTTP gateway and a GA4 event', async () => {
    const p = await newPipeline(client, 'SMS', ['SMS']);
    await addTrigger(client, p.id, {
      stage_id: p.stage('SMS'),
      when: { kind: 'created' },
      action: { type: 'send_sms', params: { text: 'Заказ «{{deal.name}}» принят' } },
    });
    await addTrigger(client, p.id, {
      stage_id: p.stage('SMS'),
      when: { kind: 'created' },
      action: { type: 'ga4_event', params: { event_name: 'purchase' } },
    });
    const dealId = await createDealIn(client, {
      name: 'Стол "Дуб"',
      price: 7000,
      pipeline_id: p.id,
      status_id: p.stage('SMS'),
      _embedded: { contacts: [{ id: contactId }] },
    });
    const sms = await waitFor(async () =>
      http.requests.find((r) => r.url === '/sms' && r.body.includes('Дуб')),
    );
    expect(JSON.parse(sms.body)).toEqual({ to: '+79123456789', message: 'Заказ «Стол "Дуб"» принят' });
    expect(sms.headers.authorization).toBe('Bearer sms-secret');
    const ga = await waitFor(async () =>
      http.requests.find((r) => r.url.startsWith('/mp/collect') && r.body.includes(String(dealId))),
    );
    expect(ga.url).toBe('/mp/collect?measurement_id=G-TEST&api_secret=ga-secret');
    expect(JSON.parse(ga.body)).toMatchObject({
      events: [{ name: 'purchase', params: { value: 7000, deal_id: String(dealId) } }],
    });
  });

  it('checks conditions on a deal field and on the contact, which read the deal data when due', async () => {
    const city = await createField(client, 'leads', 'Город доставки', 'text');
    const p = await newPipeline(client, 'Conditions', ['Доставка']);
    const s = p.stage('Доставка');
    await addTrigger(client, p.id, {
      stage_id: s,
      when: { kind: 'moved_into' },
      conditions: {
        match: 'all',
        groups: [
          {
            match: 'all',
            rules: [
              { type: 'field', field_id: city, op: 'equals', value: 'москва' },
              { type: 'contact', has: 'phone' },
            ],
          },
        ],
      },
      action: { type: 'edit_tags', params: { add: ['Курьер'] } },
    });
    const deal = (name: string, town: string, withContact: boolean) =>
      createDealIn(client, {
        name,
        pipeline_id: p.id,
        status_id: p.statuses[0]?.id,
        custom_fields_values: [{ field_id: city, values: [{ value: town }] }],
        ...(withContact ? { _embedded: { contacts: [{ id: contactId }] } } : {}),
      });
    const both = await deal('Москва с контактом', 'Москва', true);
    const noContact = await deal('Москва без контакта', 'Москва', false);
    const otherCity = await deal('Тула', 'Тула', true);
    for (const id of [both, noContact, otherCity]) await moveDealTo(client, id, s);
    await doneRun(both);
    expect((await doneRun(noContact, 'skipped')).error).toBe('Conditions not met');
    expect((await doneRun(otherCity, 'skipped')).error).toBe('Conditions not met');
    const tags = async (id: number) =>
      (
        await t.database.db
          .selectFrom('entity_tags')
          .innerJoin('tags', 'tags.id', 'entity_tags.tag_id')
          .select('tags.name')
          .where('entity_tags.entity_type', '=', 'leads')
          .where('entity_tags.entity_id', '=', id)
          .execute()
      ).map((r) => r.name);
    expect(await tags(both)).toEqual(['Курьер']);
    expect(await tags(noContact)).toEqual([]);
  });

  it('computes a field (cash on delivery = budget - prepayment), notifies, messages, completes tasks', async () => {
    const prepay = await createField(client, 'leads', 'Аванс', 'numeric');
    const cod = await createField(client, 'leads', 'Оплата наложкой', 'numeric');
    const p = await newPipeline(client, 'Fields', ['Оплата']);
    const s = p.stage('Оплата');
    await addTrigger(client, p.id, {
      stage_id: s,
      when: { kind: 'moved_into' },
      action: {
        type: 'set_field',
        params: { field_id: cod, formula: `{{deal.budget}} - {{deal.cf.${prepay}}}` },
      },
    });
    await addTrigger(client, p.id, {
      stage_id: s,
      when: { kind: 'moved_into' },
      action: { type: 'notify_users', params: { title: 'Оплата: {{deal.name}}', text: 'Наложка' } },
    });
    await addTrigger(client, p.id, {
      stage_id: s,
      when: { kind: 'moved_into' },
      action: { type: 'send_message', params: { text: 'Спасибо, {{contact.first_name}}!' } },
    });
    const completing = await addTrigger(client, p.id, {
      stage_id: s,
      when: { kind: 'moved_into' },
      delay: { kind: 'after', amount: 1, unit: 'minutes' },
      run_if_left: true,
      action: { type: 'complete_tasks', params: { scope: 'all', result_text: 'Оплачено' } },
    });
    const dealId = await createDealIn(client, {
      name: 'Кухня',
      price: 1500,
      pipeline_id: p.id,
      status_id: p.statuses[0]?.id,
      custom_fields_values: [{ field_id: prepay, values: [{ value: 300 }] }],
      _embedded: { contacts: [{ id: contactId }] },
    });
    const res = await client.call('POST', '/api/v4/tasks', [
      { text: 'Проверить оплату', complete_till: 2_000_000_000, entity_type: 'leads', entity_id: dealId },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    await moveDealTo(client, dealId, s);
    await waitFor(async () => String(fieldValue(await dealOf(client, dealId), cod)) === '1200');
    const bell = await waitFor(async () => {
      const list = (await client.call('GET', '/api/app/notifications')).json<{
        items: Array<{ title: string; link: string }>;
      }>();
      return list.items.find((n) => n.title === 'Оплата: Кухня');
    });
    expect(bell.link).toBe(`/deals/${dealId}`);
    const message = await waitFor(async () =>
      (
        await t.database.db.selectFrom('notes').select('params').where('entity_id', '=', dealId).execute()
      ).find((n) => n.params.includes('Спасибо, Вася <b>!')),
    );
    expect(message.params).toContain('журнал');
    const run = await waitFor(async () =>
      // Its own run: the messenger's run is still 'scheduled' for a moment after its note is
      // written (an external action is recorded after it ran), and has the lower id.
      (await runsOf(t.database, dealId)).find(
        (r) => r.trigger_id === completing.id && r.status === 'scheduled',
      ),
    );
    await t.database.db
      .updateTable('automation_runs')
      .set({ scheduled_at: 0 })
      .where('id', '=', run.id)
      .execute();
    const { makeRunDue } = await import('./automation.test-support.ts');
    await makeRunDue(t.database, run.id);
    // If it never completes, the failure says what became of the runs.
    await waitFor(async () => {
      const task = await t.database.db
        .selectFrom('tasks')
        .selectAll()
        .where('entity_id', '=', dealId)
        .executeTakeFirst();
      return task?.is_completed === 1 && task.result_text === 'Оплачено';
    }).catch(async (err: unknown) => {
      const runs = (await runsOf(t.database, dealId)).map((r) => ({
        id: r.id,
        trigger: r.trigger_id,
        status: r.status,
        attempts: r.attempts,
        error: r.error,
      }));
      throw new Error(`The task was not completed (${String(err)}); runs: ${JSON.stringify(runs)}`);
    });
  });

  it('distributes deals round robin and creates a linked deal copying contacts', async () => {
    const anna = client.userId;
    const petr = (await buildUser(t.database.db, client.accountId, { name: 'Пётр' })).id;
    const p = await newPipeline(client, 'Distribution', ['Новая', 'Сервис']);
    await addTrigger(client, p.id, {
      stage_id: p.stage('Новая'),
      when: { kind: 'created' },
      action: {
        type: 'change_responsible',
        params: { responsible: { mode: 'round_robin', user_ids: [petr, anna] } },
      },
    });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await createDealIn(client, {
        name: `rr${i}`,
        pipeline_id: p.id,
        status_id: p.stage('Новая'),
      });
      await doneRun(id);
      ids.push(id);
    }
    const owners = await Promise.all(ids.map(async (id) => (await dealOf(client, id)).responsible_user_id));
    expect(owners).toEqual([petr, anna, petr, anna]);

    await addTrigger(client, p.id, {
      stage_id: p.stage('Новая'),
      when: { kind: 'responsible_changed' },
      action: {
        type: 'create_deal',
        params: { stage_id: p.stage('Сервис'), name: 'Сервис: {{deal.name}}', copy_contacts: true },
      },
    });
    const source = await createDealIn(client, {
      name: 'Шкаф-купе',
      pipeline_id: p.id,
      status_id: p.stage('Новая'),
      _embedded: { contacts: [{ id: contactId }] },
    });
    const created = await waitFor(async () =>
      t.database.db
        .selectFrom('deals')
        .selectAll()
        .where('name', '=', 'Сервис: Шкаф-купе')
        .executeTakeFirst(),
    );
    expect(created).toMatchObject({ stage_id: p.stage('Сервис'), created_by: 0 });
    const links = await t.database.db
      .selectFrom('deal_contacts')
      .selectAll()
      .where('deal_id', '=', created.id)
      .execute();
    expect(links.map((l) => l.contact_id)).toEqual([contactId]);
    expect((await runsOf(t.database, source)).map((r) => r.status).sort()).toEqual(['done', 'done']);
  });
});
