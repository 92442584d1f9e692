import { createServer, type Server } from 'node:http';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AUTH_PROBE_FAILURES,
  launchBrowser,
  logInViaApi,
  openPage,
  screenshot,
  setupAdminViaApi,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'ООО «Ромашка»',
  name: 'Ирина Ковальчук',
  email: 'irina@romashka.test',
  password: 'correct horse battery',
};
const englishAdmin = {
  name: 'Anna Smith',
  email: 'anna@romashka.test',
  password: 'another long password',
  lang: 'en',
  isAdmin: true,
} as const;
const member = {
  name: 'Павел Морозов',
  email: 'pavel@romashka.test',
  password: 'member password 1',
  lang: 'ru',
  isAdmin: false,
} as const;

/** A stand-in for an integration's server: records the query of every request to /callback. */
async function startRedirectTarget(): Promise<{ server: Server; url: string; hits: URLSearchParams[] }> {
  const hits: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') hits.push(url.searchParams);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Callback</title><p>Connected</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('redirect target is not listening');
  return { server, url: `http://127.0.0.1:${address.port}/callback`, hits };
}

async function dialogNamed(page: Page, name: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  // Let the fade-in finish, so clicks and screenshots see the settled dialog.
  await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  return dialog;
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('settings: API tokens, integrations and the OAuth consent page', () => {
  let server: TestServer;
  let browser: Browser;
  let target: Awaited<ReturnType<typeof startRedirectTarget>>;
  let tab: TestPage;
  let token = '';
  let integration = { clientId: '', clientSecret: '' };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    target = await startRedirectTarget();
    tab = await openPage(browser, {
      locale: 'ru-RU',
      expectedFailures: [
        ...AUTH_PROBE_FAILURES,
        // The server's verdict on a bad redirect URI, shown next to the field.
        { path: '/api/app/integrations', status: 400 },
        // The consent page asked about an integration that does not exist.
        { path: '/api/app/oauth/client', status: 404 },
      ],
    });
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await setupAdminViaApi(tab.context, server.url, { ...admin, locale: 'ru' });
    await server.addUser(englishAdmin);
    await server.addUser(member);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => target?.server.close(resolve));
    await server?.close();
  });

  it('turns Settings into an index of sections, API among them', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings', server.url).href);
    await page.getByRole('heading', { name: 'Настройки', level: 1 }).waitFor();
    const main = page.getByRole('main');
    await main.getByText('Воронки и этапы').waitFor();
    expect(await main.getByRole('link').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'settings-index');

    await main.getByRole('link', { name: /API и интеграции/ }).click();
    await page.waitForURL('**/settings/api');
    await page.getByRole('heading', { name: 'API и интеграции', level: 1 }).waitFor();
    await page.getByText('Токенов пока нет').waitFor();
    await page.getByText('Интеграций пока нет').waitFor();
    await page.getByText(`${server.url}/oauth?client_id=…&state=…`).waitFor();
    await screenshot(page, 'settings-api-empty');
  });

  it('creates a token and shows it once, with a copy button', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Создать токен' }).click();
    const form = await dialogNamed(page, 'Новый долгосрочный токен');
    await form.getByRole('button', { name: 'Создать токен' }).click();
    await form.getByText('Заполните это поле').waitFor();
    await form.getByLabel(/^Название/).fill('Выгрузка в 1С');
    await form.getByLabel(/^Срок действия/).fill('30');
    await form.getByRole('button', { name: 'Создать токен' }).click();

    const shown = await dialogNamed(page, 'Токен создан');
    await shown.getByText('Токен показывается только один раз').waitFor();
    token = await shown.getByLabel('Токен', { exact: true }).inputValue();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await shown.getByText(/«Выгрузка в 1С» действует до \d{1,2} [а-я]+\.? \d{4}/).waitFor();

    await shown.getByRole('button', { name: 'Скопировать токен' }).click();
    await shown.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'token-created');

    await shown.getByRole('button', { name: 'Готово' }).click();
    await shown.waitFor({ state: 'detached' });
    const row = page.getByRole('listitem').filter({ hasText: 'Выгрузка в 1С' });
    await row.getByText('Действует', { exact: true }).waitFor();
    await row.getByText(/^Создан \d{1,2} [а-я]+\.? \d{4}/).waitFor();
    // Shown once: neither the page nor a reload has the token any more.
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
  });

  it('revokes the token, which then stops working', async () => {
    const { page } = tab;
    const account = new URL('/api/v4/account', server.url).href;
    expect((await fetch(account, bearer(token))).status).toBe(200);

    const row = page.getByRole('listitem').filter({ hasText: 'Выгрузка в 1С' });
    await row.getByRole('button', { name: 'Отозвать токен «Выгрузка в 1С»' }).click();
    const confirm = await dialogNamed(page, 'Отозвать токен?');
    await confirm.getByText('Всё, что использует «Выгрузка в 1С», сразу потеряет доступ.').waitFor();
    await screenshot(page, 'token-revoke-confirm');
    await confirm.getByRole('button', { name: 'Отозвать' }).click();

    await row.getByText('Отозван', { exact: true }).waitFor();
    await row.getByText(/^Отозван \d/).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await page.getByText('Токен «Выгрузка в 1С» отозван').waitFor();
    expect((await fetch(account, bearer(token))).status).toBe(401);
    await confirm.waitFor({ state: 'detached' });
    await screenshot(page, 'token-revoked');
  });

  it('shows the server’s verdict on a bad redirect URI next to the field, then creates the integration', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Создать интеграцию' }).click();
    const form = await dialogNamed(page, 'Новая интеграция');
    await form.getByLabel(/^Название/).fill('Телефония');
    const redirectUri = form.getByLabel(/^Адрес перенаправления/);
    await redirectUri.fill('callback-without-scheme');
    await form.getByRole('button', { name: 'Создать интеграцию' }).click();
    await form.getByText('Введите полный адрес, начинающийся с https:// или http://').waitFor();
    expect(await redirectUri.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'integration-validation');

    await redirectUri.fill(target.url);
    expect(await redirectUri.getAttribute('aria-invalid')).not.toBe('true');
    await form.getByRole('button', { name: 'Создать интеграцию' }).click();
    const shown = await dialogNamed(page, 'Интеграция «Телефония» создана');
    await shown.getByText('Секретный ключ показывается только один раз').waitFor();
    integration = {
      clientId: await shown.getByLabel('ID клиента', { exact: true }).inputValue(),
      clientSecret: await shown.getByLabel('Секретный ключ', { exact: true }).inputValue(),
    };
    expect(integration.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(integration.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(await shown.getByLabel('Ссылка для запроса доступа', { exact: true }).inputValue()).toBe(
      `${server.url}/oauth?client_id=${integration.clientId}&state=`,
    );
    await shown.getByRole('button', { name: 'Скопировать секретный ключ' }).waitFor();
    await screenshot(page, 'integration-created');

    await shown.getByRole('button', { name: 'Готово' }).click();
    await shown.waitFor({ state: 'detached' });
    const row = page.getByRole('listitem').filter({ hasText: 'Телефония' });
    await row.getByText(integration.clientId).waitFor();
    await row.getByText(`Перенаправляет на ${target.url}`).waitFor();
    expect(await page.content()).not.toContain(integration.clientSecret);
    await screenshot(page, 'settings-api-filled');
  });

  it('asks for consent and sends the browser to the redirect URI with a code that works', async () => {
    const { page } = tab;
    await page.goto(new URL(`/oauth?client_id=${integration.clientId}&state=abc`, server.url).href);
    await page
      .getByRole('heading', {
        name: `Разрешить интеграции «Телефония» доступ к аккаунту ${admin.accountName}?`,
      })
      .waitFor();
    await page.getByText(`После этого вы перейдёте на ${new URL(target.url).host}.`).waitFor();
    await screenshot(page, 'oauth-consent');

    await page.getByRole('button', { name: 'Разрешить' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${target.url}?`));
    await page.getByText('Connected').waitFor();
    const hit = target.hits.at(-1);
    const code = hit?.get('code');
    expect(code).toBeTruthy();
    expect(hit?.get('state')).toBe('abc');
    expect(hit?.get('client_id')).toBe(integration.clientId);
    expect(new URL(page.url()).searchParams.get('code')).toBe(code);

    const exchange = await fetch(new URL('/oauth2/access_token', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: integration.clientId,
        client_secret: integration.clientSecret,
        grant_type: 'authorization_code',
        code,
        redirect_uri: target.url,
      }),
    });
    expect(exchange.status).toBe(200);
    const grant = z
      .object({ token_type: z.literal('Bearer'), access_token: z.string().min(1), refresh_token: z.string() })
      .parse(await exchange.json());
    // The access token is a real one: the amoCRM API answers it.
    const account = await fetch(new URL('/api/v4/account', server.url), bearer(grant.access_token));
    expect(account.status).toBe(200);
  });

  it('explains an unknown integration', async () => {
    const { page } = tab;
    await page.goto(new URL('/oauth?client_id=no-such-client&state=abc', server.url).href);
    await page.getByRole('heading', { name: 'Не удалось подключить интеграцию' }).waitFor();
    await page.getByText('В вашем аккаунте нет такой интеграции.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Разрешить' }).count()).toBe(0);
    await screenshot(page, 'oauth-unknown-client');
    await page.getByRole('button', { name: 'Перейти в Voronka' }).click();
    await page.waitForURL('**/deals');
  });

  it('comes back to the consent page after login, on a phone', async () => {
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = phone;
    const consent = `/oauth?client_id=${integration.clientId}&state=from-login`;
    await page.goto(new URL(consent, server.url).href);
    await page.waitForURL('**/login');
    await page.getByRole('textbox', { name: /^Email/ }).fill(admin.email);
    await page.getByLabel(/^Пароль/).fill(admin.password);
    await page.getByRole('button', { name: 'Войти' }).click();

    await page.waitForURL((url) => url.pathname + url.search === consent);
    await page.getByRole('heading', { name: /^Разрешить интеграции «Телефония»/ }).waitFor();
    await screenshot(page, 'oauth-consent-phone');
    await page.getByRole('button', { name: 'Отмена' }).click();
    await page.waitForURL('**/deals');
    expect(target.hits.some((hit) => hit.get('state') === 'from-login')).toBe(false);

    await page.goto(new URL('/settings/api', server.url).href);
    await page.getByRole('listitem').filter({ hasText: 'Телефония' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'settings-api-phone');
    await page.getByRole('button', { name: 'Создать токен' }).click();
    await dialogNamed(page, 'Новый долгосрочный токен');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'token-form-phone');
    expect(phone.consoleErrors).toEqual([]);
    await phone.context.close();
  });

  it('works in English, with dates in the English format', async () => {
    const english = await openPage(browser, { locale: 'en-US' });
    const { page } = english;
    await logInViaApi(english.context, server.url, englishAdmin);
    await page.goto(new URL('/settings/api', server.url).href);
    await page.getByRole('heading', { name: 'API and integrations', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Long-lived tokens' }).waitFor();
    const tokenRow = page.getByRole('listitem').filter({ hasText: 'Выгрузка в 1С' });
    await tokenRow.getByText('Revoked', { exact: true }).waitFor();
    await tokenRow.getByText(/^Created [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
    await page.getByRole('heading', { name: 'How connecting works' }).waitFor();
    await screenshot(page, 'settings-api-en');

    await page.goto(new URL(`/oauth?client_id=${integration.clientId}&state=en`, server.url).href);
    await page.getByRole('heading', { name: `Allow “Телефония” to access ${admin.accountName}?` }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    await screenshot(page, 'oauth-consent-en');
    expect(english.consoleErrors).toEqual([]);
    await english.context.close();
  });

  it('tells a non-administrator that only administrators manage API access', async () => {
    const visitor = await openPage(browser);
    const { page } = visitor;
    await logInViaApi(visitor.context, server.url, member);
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === '/api/app/api-tokens' || pathname === '/api/app/integrations') apiCalls.push(pathname);
    });
    await page.goto(new URL('/settings/api', server.url).href);
    await page.getByText('Доступом к API управляют только администраторы').waitFor();
    await page.getByText(`ко всем данным аккаунта ${admin.accountName}`, { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Создать токен' }).count()).toBe(0);
    expect(apiCalls).toEqual([]);
    await screenshot(page, 'settings-api-member');
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.context.close();
  });

  it('logged no console errors', () => {
    expect(tab.consoleErrors).toEqual([]);
  });
});
