import { createServer, type Server } from 'node:http';
import type { Browser, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openPage,
  screenshot,
  setupAdminViaApi,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Школа «Лингва»',
  name: 'Ирина Ковальчук',
  email: 'irina@lingva.test',
  password: 'correct horse battery',
};

/** A customer's static site on another origin: one landing page holding the form's snippet. */
async function startStaticSite(snippet: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Лендинг</title></head><body><h1>Курсы английского</h1>${snippet()}</body></html>`,
    );
    void request;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static site is not listening');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

describe('web forms into the inbox', () => {
  let server: TestServer;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startStaticSite>>;
  let manager: TestPage;
  let visitor: TestPage;
  let snippet = '';

  beforeAll(async () => {
    server = await startTestServer({ FORM_SUBMISSIONS_PER_IP: '4' });
    browser = await launchBrowser();
    site = await startStaticSite(() => snippet);
    manager = await openPage(browser, { locale: 'ru-RU' });
    // The visitor's console is not checked: the form page answers a malformed submission with 400.
    visitor = await openPage(browser, { locale: 'ru-RU' });
    await setupAdminViaApi(manager.context, server.url, { ...admin, locale: 'ru' });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await server?.close();
  });

  const formFrame = (): FrameLocator => visitor.page.frameLocator('iframe');

  it('builds a form and shows its embed snippet', async () => {
    const { page } = manager;
    await page.goto(new URL('/inbox', server.url).href);
    await page.getByText('Здесь нет заявок').waitFor();
    await page.getByTestId('inbox-forms-link').click();
    await page.getByRole('heading', { name: 'Веб-формы', level: 1 }).waitFor();
    await page.getByTestId('form-new').click();
    await page.getByLabel('Название формы').fill('Пробный урок');
    await page.getByRole('button', { name: 'Добавить поле' }).click();
    const rows = page.getByTestId('form-field-row');
    await rows.last().getByLabel('Подпись').fill('Комментарий');
    await page.getByTestId('form-save').click();
    const code = page.getByTestId('form-script-snippet');
    await code.waitFor();
    snippet = (await code.textContent()) ?? '';
    expect(snippet).toMatch(
      /^<script src="http:\/\/127\.0\.0\.1:\d+\/public\/forms\/[\w-]+\/embed\.js" async><\/script>$/,
    );
    await screenshot(page, 'forms-builder');
  });

  it('takes a submission from a static page on another site, with page, UTM and HTML shown as text', async () => {
    const { page } = visitor;
    await page.goto(`${site.url}/landing?utm_source=google&utm_campaign=spring`);
    const frame = formFrame();
    await frame.getByLabel('Имя').fill('<script>alert(1)</script>Мария');
    await frame.getByLabel('Телефон').fill('12ab');
    await frame.getByRole('button', { name: 'Отправить' }).click();
    await frame.getByText('Укажите телефон полностью').waitFor();
    await frame.getByText('Нужно ваше согласие').waitFor();
    expect(await frame.getByLabel('Имя').inputValue()).toBe('<script>alert(1)</script>Мария');
    await screenshot(page, 'form-embed-errors');

    await frame.getByLabel('Телефон').fill('8 (912) 345-67-89');
    await frame.getByLabel('Комментарий').fill('<b>позвоните</b> после 18:00');
    await frame.getByRole('checkbox').check();
    await frame.getByRole('button', { name: 'Отправить' }).click();
    await frame.getByTestId('form-thanks').waitFor();
    await screenshot(page, 'form-embed-thanks');

    const inbox = manager.page;
    await inbox.goto(new URL('/inbox', server.url).href);
    const entry = inbox.getByTestId('inbox-entry').first();
    await entry.waitFor();
    await entry.getByText('<script>alert(1)</script>Мария').first().waitFor();
    await entry.getByText('<b>позвоните</b> после 18:00').waitFor();
    await entry.getByText('utm_source=google · utm_campaign=spring').waitFor();
    await entry.getByText(`${site.url}/landing?utm_source=google&utm_campaign=spring`).waitFor();
    expect(await inbox.locator('b', { hasText: 'позвоните' }).count()).toBe(0);
    await screenshot(inbox, 'inbox-entry');

    await entry.getByTestId('inbox-accept').click();
    await inbox.getByText('Здесь нет заявок').waitFor();
    await inbox.locator('label', { hasText: 'Принятые' }).click();
    await inbox.getByTestId('inbox-entry-status').filter({ hasText: 'Принятые' }).first().waitFor();
    expect(manager.consoleErrors).toEqual([]);
  });

  it('refuses a flood from one IP and a 20 MB post, in the form language', async () => {
    const formUrl = snippet.match(/src="([^"]+)\/embed\.js"/)?.[1] ?? '';
    const request = visitor.context.request;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request.post(formUrl, {
        form: { name: `Бот ${i}`, phone: `+7912000000${i}`, consent: 'on' },
      });
      statuses.push(res.status());
    }
    // The limit is 4 posts per IP in 10 minutes and every post counts: the previous test made
    // two (the refused one and the accepted one).
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    const flooded = await request.post(formUrl, {
      form: { name: 'Ещё', phone: '+79120000009', consent: 'on' },
    });
    expect(await flooded.text()).toContain('Слишком много отправок');

    const huge = await request.post(formUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: `name=${'x'.repeat(20 * 1024 * 1024)}`,
    });
    expect(huge.status()).toBe(413);
    expect(await huge.text()).toContain('Форма слишком большая');

    await manager.page.goto(new URL('/inbox?x=1', server.url).href);
    await manager.page.getByTestId('inbox-pending').filter({ hasText: '2' }).waitFor();
  });
});
