import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../test/dovecot.ts';
import { startFlakyProxy } from '../../test/flaky-proxy.ts';
import {
  buildAutomationApp,
  waitFor,
  type AutomationTestApp,
} from '../automation/automation.test-support.ts';
import { createContact, createDealIn } from '../automation/automation-api.test-support.ts';
import { mainPipeline, signedInClient, type Client } from '../deals/deals.test-support.ts';
import { configureMail, mailOptions, type MailRuntime } from './mail-runtime.ts';
import { rawMail, startAuthSmtpSink } from './mail.test-support.ts';
import { startMail } from './start-mail.ts';
import { runSyncJob, syncMailbox } from './sync-mailbox.ts';

// In CI a missing or broken dovecot fails the suite; on a developer machine without it, skip.
const runHere = existsSync('/usr/sbin/dovecot') || process.env.CI === 'true';

const LOGIN = 'sales@shop.test';
const PASSWORD = 'imap-Secret-42';

let t: AutomationTestApp;
let dovecot: Dovecot;
let smtp: Awaited<ReturnType<typeof startAuthSmtpSink>>;
let client: Client;
const silent = { warn: () => {}, error: () => {} };
const rt = (): MailRuntime => ({
  db: t.database.db,
  queue: t.queue,
  secretKey: t.config.secretKey,
  options: mailOptions(),
  log: silent,
});

const deliver = (m: Parameters<typeof rawMail>[0]) => dovecot.deliver(LOGIN, PASSWORD, rawMail(m));

async function connect(overrides: { imapPort?: number; password?: string } = {}) {
  return client.call('POST', '/api/app/mailboxes', {
    name: 'Продажи',
    email: LOGIN,
    imap: {
      host: '127.0.0.1',
      port: overrides.imapPort ?? dovecot.port,
      tls: false,
      user: LOGIN,
      password: overrides.password ?? PASSWORD,
    },
    smtp: { host: '127.0.0.1', port: smtp.port, tls: false },
  });
}

const notesOf = async (dealId: number) => {
  const res = await client.call('GET', `/api/app/timeline?entity_type=leads&entity_id=${dealId}&kind=note`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Array<{ note_type: string; params: Record<string, unknown> }> }>().items;
};

describe.skipIf(!runHere)('email over IMAP (dovecot) and SMTP', () => {
  let mailboxId = 0;

  beforeAll(async () => {
    configureMail({
      pollIntervalMs: 3_600_000,
      retryBaseMs: 200,
      retryMaxMs: 800,
      sendRetryDelayMs: 200,
      connectTimeoutMs: 3000,
    });
    dovecot = await startDovecot();
    dovecot.addUser(LOGIN, PASSWORD);
    smtp = await startAuthSmtpSink(LOGIN, PASSWORD);
    t = await buildAutomationApp();
    client = await signedInClient(t.app);
    await startMail(rt());
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await dovecot?.close();
    configureMail({});
  });

  it('connects a mailbox only with a working login, and never shows its password', async () => {
    const bad = await connect({ password: 'wrong-password' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/^IMAP: Authentication failed/);
    expect(bad.body).not.toContain('wrong-password');

    const res = await connect();
    expect(res.statusCode, res.body).toBe(200);
    mailboxId = res.json().id;
    expect(res.json()).toMatchObject({ email: LOGIN, status: 'ok', has_password: true, personal: false });
    const list = await client.call('GET', '/api/app/mailboxes');
    expect(list.json().mailboxes).toHaveLength(1);
    expect(list.body).not.toContain(PASSWORD);
    const row = await t.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(row.imap_password).not.toContain(PASSWORD);
    expect(row.smtp_password.startsWith('v1:')).toBe(true);
  });

  it('puts mail from an unknown address into the incoming-leads inbox', async () => {
    await deliver({
      from: 'Ирина Котова <irina@client.test>',
      to: LOGIN,
      subject: 'Нужен диван',
      text: 'Здравствуйте! Сколько стоит диван Честер?',
      messageId: 'first-1@client.test',
    });
    const result = await syncMailbox(rt(), mailboxId);
    expect(result).toEqual({ ok: true, taken: 1, more: false });
    const inbox = await client.call('GET', '/api/v4/leads/unsorted?filter[category][]=mail');
    const [entry] = inbox.json()._embedded.unsorted;
    expect(entry).toMatchObject({
      category: 'mail',
      metadata: { subject: 'Нужен диван', from: { email: 'irina@client.test', name: 'Ирина Котова' } },
    });
    const dealId: number = entry._embedded.leads[0].id;
    const [note] = await notesOf(dealId);
    expect(note).toMatchObject({
      note_type: 'mail_in',
      params: { subject: 'Нужен диван', text: expect.stringContaining('диван Честер'), status: 'received' },
    });
  });

  it('attaches mail from a known contact to the open deal and fires the "incoming email" trigger', async () => {
    const main = await mainPipeline(client);
    const stage = main.open[0]?.id ?? 0;
    const trig = await client.call('POST', `/api/app/pipelines/${main.id}/triggers`, {
      stage_id: stage,
      when: { kind: 'incoming_email' },
      action: { type: 'create_task', params: { text: 'Ответить на письмо' } },
    });
    expect(trig.statusCode, trig.body).toBe(200);
    const contactId = await createContact(client, {
      name: 'Олег',
      custom_fields_values: [{ field_code: 'EMAIL', values: [{ value: 'Oleg@Known.test' }] }],
    });
    const dealId = await createDealIn(client, {
      name: 'Кухня для Олега',
      status_id: stage,
      _embedded: { contacts: [{ id: contactId }] },
    });
    await deliver({
      from: 'Олег <oleg@known.test>',
      to: LOGIN,
      subject: 'Кухня',
      html: '<p>Когда <b>замер</b>?</p><script>alert(1)</script>',
      messageId: 'kitchen-1@known.test',
    });
    expect(await syncMailbox(rt(), mailboxId)).toMatchObject({ ok: true, taken: 1 });

    const note = (await notesOf(dealId)).find((n) => n.note_type === 'mail_in');
    expect(note).toMatchObject({ params: { subject: 'Кухня', has_html: true } });
    expect(String(note?.params.text)).toContain('замер');
    expect(String(note?.params.text)).not.toContain('alert');
    const inbox = await client.call('GET', '/api/v4/leads/unsorted?filter[category][]=mail');
    expect(inbox.json()._embedded.unsorted).toHaveLength(1);
    const task = await waitFor(async () =>
      t.database.db.selectFrom('tasks').selectAll().where('entity_id', '=', dealId).executeTakeFirst(),
    );
    expect(task.text).toBe('Ответить на письмо');
  });

  it('sends a reply from the deal card over SMTP with the threading headers, and threads the answer', async () => {
    const deal = await t.database.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('message_id', '=', 'kitchen-1@known.test')
      .executeTakeFirstOrThrow();
    const dealId = deal.deal_id ?? 0;
    const list = await client.call('GET', `/api/app/deals/${dealId}/mail`);
    expect(list.json().suggested_to).toEqual(['oleg@known.test']);
    const original = list.json().mail[0];
    expect(original).toMatchObject({
      direction: 'in',
      subject: 'Кухня',
      html: expect.stringContaining('<b>замер</b>'),
    });

    const bad = await client.call('POST', `/api/app/deals/${dealId}/mail`, {
      to: ['not-an-address'],
      text: '',
    });
    expect(bad.statusCode).toBe(400);

    const res = await client.call('POST', `/api/app/deals/${dealId}/mail`, {
      to: ['oleg@known.test'],
      text: 'Замер в четверг в 10:00.',
      reply_to_mail_id: original.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(sent).toMatchObject({
      direction: 'out',
      status: 'queued',
      subject: 'Re: Кухня',
      in_reply_to: 'kitchen-1@known.test',
    });

    const got = await waitFor(async () => smtp.mails.find((m) => m.messageId === sent.message_id));
    expect(got).toMatchObject({
      from: LOGIN,
      to: ['oleg@known.test'],
      subject: 'Re: Кухня',
      inReplyTo: 'kitchen-1@known.test',
      references: ['kitchen-1@known.test'],
      authUser: LOGIN,
    });
    expect(got.text).toContain('Замер в четверг');
    await waitFor(async () =>
      (await notesOf(dealId)).find((n) => n.note_type === 'mail_out' && n.params.status === 'sent'),
    );

    // The client answers from another address: the thread still finds the deal.
    await deliver({
      from: 'olga@known-family.test',
      to: LOGIN,
      subject: 'Re: Re: Кухня',
      text: 'Подходит, ждём.',
      messageId: 'kitchen-3@known-family.test',
      inReplyTo: sent.message_id,
      references: ['kitchen-1@known.test', sent.message_id],
    });
    expect(await syncMailbox(rt(), mailboxId)).toMatchObject({ ok: true, taken: 1 });
    const answer = await t.database.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('message_id', '=', 'kitchen-3@known-family.test')
      .executeTakeFirstOrThrow();
    expect(answer).toMatchObject({ deal_id: dealId, thread_id: 'kitchen-1@known.test' });
  });

  it('neither loses nor repeats mail across restarts, even when the position was not saved', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('mail_messages')
            .select((e) => e.fn.countAll().as('n'))
            .where('direction', '=', 'in')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await syncMailbox(rt(), mailboxId)).toEqual({ ok: true, taken: 0, more: false });
    // As if the process died after storing mail but before the position moved; then it starts
    // again, and the boot runs a pass of every mailbox.
    await t.database.db.updateTable('mailboxes').set({ last_uid: 0, synced_at: 0 }).execute();
    await t.restart();
    await startMail(rt());
    await waitFor(async () => {
      const m = await t.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
      return m.last_uid === 3 && (m.synced_at ?? 0) > 0;
    });
    expect(await count()).toBe(before);

    await deliver({
      from: 'new@client.test',
      to: LOGIN,
      subject: 'После перезапуска',
      text: 'Привет',
      messageId: 'after-restart@client.test',
    });
    const now = await client.call('POST', `/api/app/mailboxes/${mailboxId}/sync`);
    expect(now.statusCode).toBe(202);
    await waitFor(async () => (await count()) === before + 1);
    const box = await t.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(box.last_uid).toBe(4);
  });

  it('retries a mailbox whose server drops the connection, with back-off and the status in Settings', async () => {
    const proxy = await startFlakyProxy(dovecot.port);
    try {
      const res = await client.call('PATCH', `/api/app/mailboxes/${mailboxId}`, {
        imap: { host: '127.0.0.1', port: proxy.port },
      });
      expect(res.statusCode, res.body).toBe(200);
      proxy.state.refuse = true;
      const failed = await syncMailbox(rt(), mailboxId);
      expect(failed).toEqual({ ok: false, error: 'The server closed the connection' });
      const shown = (await client.call('GET', '/api/app/mailboxes')).json().mailboxes[0];
      expect(shown).toMatchObject({
        status: 'error',
        status_error: 'The server closed the connection',
        failures: 1,
      });

      // The job chain keeps trying with growing waits; nothing crashes.
      const connectionsBefore = proxy.state.connections;
      await runSyncJob(rt(), mailboxId);
      await waitFor(async () => proxy.state.connections >= connectionsBefore + 3);
      const box = await t.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
      expect(box.failures).toBeGreaterThanOrEqual(3);

      await deliver({
        from: 'late@client.test',
        to: LOGIN,
        subject: 'Пока сервер лежал',
        text: '...',
        messageId: 'late@client.test',
      });
      proxy.state.refuse = false;
      await waitFor(async () => {
        const m = await t.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
        return m.status === 'ok' && m.failures === 0;
      });
      const late = await t.database.db
        .selectFrom('mail_messages')
        .select('id')
        .where('message_id', '=', 'late@client.test')
        .execute();
      expect(late).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
