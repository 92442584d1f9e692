import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawMail, startAuthSmtpSink } from '../../server/src/modules/mail/mail.test-support.ts';
import { startDovecot, type Dovecot } from '../../server/src/test/dovecot.ts';
import { createdId, setupWithApi, type Api } from './crm-helpers';
import {
  AUTH_PROBE_FAILURES,
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Mebel Plus',
  name: 'Anna Smith',
  email: 'anna@mebel.test',
  password: 'correct horse battery',
  locale: 'en' as const,
};
const LOGIN = 'sales@mebel.test';
const PASSWORD = 'mailbox-Pass-7';

// In CI a missing dovecot fails this file; elsewhere it is skipped.
const runHere = existsSync('/usr/sbin/dovecot') || process.env.CI === 'true';

describe.skipIf(!runHere)('mail in the browser', () => {
  let server: TestServer;
  let dovecot: Dovecot;
  let smtp: Awaited<ReturnType<typeof startAuthSmtpSink>>;
  let browser: Browser;
  let tab: TestPage;
  let page: Page;
  let api: Api;
  let dealId = 0;

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(LOGIN, PASSWORD);
    smtp = await startAuthSmtpSink(LOGIN, PASSWORD);
    server = await startTestServer({ MAIL_POLL_SECONDS: '5' });
    browser = await launchBrowser();
    // The wrong password is refused on purpose.
    tab = await openPage(browser, {
      locale: 'en-GB',
      expectedFailures: [...AUTH_PROBE_FAILURES, { path: '/api/app/mailboxes', status: 400 }],
    });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);
    const contactId = createdId(
      await api.post('/api/v4/contacts', [
        {
          name: 'Oleg Petrov',
          custom_fields_values: [{ field_code: 'EMAIL', values: [{ value: 'oleg@client.test' }] }],
        },
      ]),
      'contacts',
    );
    dealId = createdId(
      await api.post('/api/v4/leads', [
        { name: 'Kitchen for Oleg', _embedded: { contacts: [{ id: contactId }] } },
      ]),
      'leads',
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    await dovecot?.close();
  });

  it('connects a mailbox in Settings and shows its status', async () => {
    await page.goto(new URL('/settings', server.url).href);
    await page.getByRole('link', { name: /Mail/ }).click();
    await page.getByRole('button', { name: 'Connect a mailbox' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a mailbox' });
    await dialog.getByRole('textbox', { name: 'Address', exact: true }).fill(LOGIN);
    await dialog.getByRole('textbox', { name: 'Sender name' }).fill('Mebel Plus sales');
    await dialog.getByRole('textbox', { name: 'IMAP server' }).fill('127.0.0.1');
    await dialog.getByRole('textbox', { name: 'Port', exact: true }).nth(0).fill(String(dovecot.port));
    await dialog.getByRole('switch', { name: 'TLS' }).nth(0).uncheck({ force: true });
    await dialog.getByRole('textbox', { name: 'Login', exact: true }).fill(LOGIN);
    await dialog.getByLabel(/^Password/).fill('not-the-password');
    await dialog.getByRole('textbox', { name: 'SMTP server' }).fill('127.0.0.1');
    await dialog.getByRole('textbox', { name: 'Port', exact: true }).nth(1).fill(String(smtp.port));
    await dialog.getByRole('switch', { name: 'TLS' }).nth(1).uncheck({ force: true });
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => dialog.getByText(/IMAP: Authentication failed/).count(), { timeout: 15_000 })
      .toBe(1);

    await dialog.getByLabel(/^Password/).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = page.getByRole('listitem', { name: LOGIN });
    await expect
      .poll(() => item.getByTestId('mailbox-status').textContent(), { timeout: 15_000 })
      .toBe('Connected');
    await screenshot(page, 'mail-settings');
  });

  it('shows a client mail on the deal card and sends the reply over SMTP', async () => {
    await dovecot.deliver(
      LOGIN,
      PASSWORD,
      rawMail({
        from: 'Oleg Petrov <oleg@client.test>',
        to: LOGIN,
        subject: 'Kitchen measurements',
        html: '<p>When can you <b>measure</b>?</p><img src="https://tracker.test/p.gif"><script>document.title="x"</script>',
        messageId: 'kitchen-1@client.test',
      }),
    );
    await page.getByRole('button', { name: 'Check now' }).click();

    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    const mail = page.locator('[data-kind="mail"][data-direction="in"]');
    await expect
      .poll(
        async () => {
          if ((await mail.count()) === 0) await page.reload();
          return mail.count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    await expect.poll(() => mail.getByText('Kitchen measurements').count(), { timeout: 10_000 }).toBe(1);
    expect(await mail.textContent()).toContain('When can you measure?');

    await mail.getByRole('button', { name: 'Reply' }).click();
    const composer = page.getByRole('form', { name: 'Email' });
    expect(await composer.getByLabel('Subject').inputValue()).toBe('Re: Kitchen measurements');
    await composer.getByLabel('Message').fill('We can come on Thursday at 10.');
    await composer.getByRole('button', { name: 'Send' }).click();

    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(1);
    expect(smtp.mails[0]).toMatchObject({
      to: ['oleg@client.test'],
      subject: 'Re: Kitchen measurements',
      inReplyTo: 'kitchen-1@client.test',
      references: ['kitchen-1@client.test'],
    });
    const sent = page.locator('[data-kind="mail"][data-direction="out"]');
    await expect.poll(() => sent.getByText('Sent', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.title()).not.toBe('x');
    await screenshot(page, 'mail-deal-card');
    expect(tab.consoleErrors).toEqual([]);
  });
});
