import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_PROBE_FAILURES,
  launchBrowser,
  openPage,
  screenshot,
  setupAdminViaApi,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';
import { apiCall, dialogNamed } from './settings-helpers';

const admin = {
  accountName: 'Магазин',
  name: 'Ирина Ковальчук',
  email: 'irina@shop.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};

describe('settings: users, departments and the account', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, {
      locale: 'ru-RU',
      // The server's verdict on a taken e-mail, shown next to the field.
      expectedFailures: [...AUTH_PROBE_FAILURES, { path: '/api/app/users', status: 400 }],
    });
    await setupAdminViaApi(tab.context, server.url, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a department and a user in it, who can then sign in', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings/users', server.url).href);
    await page.getByRole('heading', { name: 'Пользователи и отделы', level: 1 }).waitFor();
    await page.getByLabel('Новый отдел, например «Продажи Киев»').fill('Продажи Киев');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('listitem', { name: 'Продажи Киев' }).getByText('0 сотрудников').waitFor();

    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const dialog = await dialogNamed(page, 'Новый пользователь');
    await dialog.getByLabel(/^Имя/).fill('Олег Продажин');
    await dialog.getByLabel(/^Email/).fill('oleg@shop.test');
    await dialog.getByLabel(/^Пароль/).fill('short');
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await dialog.getByText('Пароль должен быть не короче 8 символов').waitFor();
    await dialog.getByLabel(/^Пароль/).fill('oleg password 1');
    await dialog.getByLabel('Отдел', { exact: true }).click();
    await page.getByRole('option', { name: 'Продажи Киев' }).click();
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: 'Олег Продажин' });
    await row.getByText('Продажи Киев').waitFor();
    await row.getByText('Активен').waitFor();
    await screenshot(page, 'settings-users');

    const oleg = await openPage(browser, { locale: 'ru-RU', expectedFailures: AUTH_PROBE_FAILURES });
    await oleg.page.goto(new URL('/login', server.url).href);
    await oleg.page.getByLabel(/^Email/).fill('oleg@shop.test');
    await oleg.page.getByLabel(/^Пароль/).fill('oleg password 1');
    await oleg.page.getByRole('button', { name: 'Войти' }).click();
    await oleg.page.waitForURL('**/deals');
    await oleg.context.close();
  });

  it('a taken e-mail is shown next to the field', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const dialog = await dialogNamed(page, 'Новый пользователь');
    await dialog.getByLabel(/^Имя/).fill('Дубль');
    await dialog.getByLabel(/^Email/).fill('OLEG@shop.test');
    await dialog.getByLabel(/^Пароль/).fill('another pass 1');
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await dialog.getByText('Пользователь с таким e-mail уже есть').first().waitFor();
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('deactivates the user, who can no longer sign in', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Действия: Олег Продажин' }).click();
    await page.getByRole('menuitem', { name: 'Отключить' }).click();
    await page.getByRole('row', { name: 'Олег Продажин' }).getByText('Отключён').waitFor();
    const context = await browser.newContext();
    const res = await context.request.post(new URL('/api/app/login', server.url).href, {
      data: { email: 'oleg@shop.test', password: 'oleg password 1' },
    });
    expect(res.status()).toBe(401);
    await context.close();
  });

  it('changes the account currency and time zone', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings/account', server.url).href);
    await page.getByRole('heading', { name: 'Аккаунт', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Валюта' }).click();
    await page.getByRole('option', { name: /^UAH/ }).click();
    await page.getByRole('combobox', { name: 'Часовой пояс' }).fill('Europe/Ki');
    await page
      .getByRole('option', { name: /^Europe\/Kiev|^Europe\/Kyiv/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки аккаунта сохранены').waitFor();
    const account = (await apiCall(tab.context, server.url, 'GET', '/api/v4/account?with=datetime_settings'))
      .body as { currency: string; _embedded: { datetime_settings: { timezone: string } } };
    expect(account.currency).toBe('UAH');
    expect(account._embedded.datetime_settings.timezone).toMatch(/^Europe\/Ky?iev|^Europe\/Kyiv/);
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: 'Валюта' }).inputValue()).toMatch(/^UAH/);
    expect(tab.consoleErrors).toEqual([]);
  });
});
