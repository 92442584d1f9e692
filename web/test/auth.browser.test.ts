import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openPage,
  screenshot,
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

const ruNav = ['Сделки', 'Контакты', 'Компании', 'Задачи', 'Входящие', 'Отчёты', 'Настройки'];
const enNav = ['Deals', 'Contacts', 'Companies', 'Tasks', 'Inbox', 'Reports', 'Settings'];

const path = (page: Page) => new URL(page.url()).pathname;

async function expectNav(page: Page, labels: string[]) {
  const nav = page.getByRole('navigation');
  for (const label of labels) await nav.getByRole('link', { name: label, exact: true }).waitFor();
}

async function openUserMenu(page: Page, label: string) {
  await page.getByRole('button', { name: label }).click();
  const menu = page.getByRole('menu');
  await menu.waitFor();
  // Let the fade-in finish, so clicks and screenshots see the settled menu.
  await expect.poll(() => menu.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
}

async function logIn(page: Page, password: string) {
  await page.getByRole('textbox', { name: /^Email/ }).fill(admin.email);
  await page.getByLabel(/^Пароль/).fill(password);
  await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === '/api/app/login'),
    page.getByRole('button', { name: 'Войти' }).click(),
  ]);
}

describe('first run, login and language', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a fresh install to the setup page', async () => {
    const { page } = tab;
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Добро пожаловать в Voronka' }).waitFor();
    await screenshot(page, 'setup');
  });

  it('validates the setup form before sending it', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Создать аккаунт' }).click();
    await expect.poll(() => page.getByText('Заполните это поле').count()).toBe(4);

    await page.getByRole('textbox', { name: /^Email/ }).fill('irina-at-romashka');
    await page.getByLabel(/^Пароль/).fill('short');
    await page.getByText('Введите email в формате name@example.com').waitFor();
    await page.getByText('Пароль должен быть не короче 8 символов').waitFor();
    expect(path(page)).toBe('/setup');
    await screenshot(page, 'setup-validation');
  });

  it('creates the account and lands in the app shell', async () => {
    const { page } = tab;
    await page.getByLabel('Название компании').fill(admin.accountName);
    await page.getByLabel('Ваше имя').fill(admin.name);
    await page.getByRole('textbox', { name: /^Email/ }).fill(admin.email);
    await page.getByLabel(/^Пароль/).fill(admin.password);
    await page.getByRole('button', { name: 'Создать аккаунт' }).click();

    await page.waitForURL('**/deals');
    await page.getByRole('banner').getByText(admin.name).waitFor();
    await expectNav(page, ruNav);
    await page.getByRole('heading', { name: 'Сделки', level: 1 }).waitFor();
    await page.getByText('Сделок пока нет').waitFor();
    await page.getByText(admin.accountName).waitFor();
    await screenshot(page, 'shell-ru');
  });

  it('logs out to the login page', async () => {
    const { page } = tab;
    await openUserMenu(page, 'Меню пользователя');
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Вход в Voronka' }).waitFor();

    // The session is really gone: the app area sends back to login.
    await page.goto(new URL('/contacts', server.url).href);
    await page.waitForURL('**/login');
  });

  it('shows the server message for a wrong password', async () => {
    const { page } = tab;
    await logIn(page, 'not the password');
    const alert = page.getByRole('alert');
    await alert.getByText('Неверный email или пароль').waitFor();
    expect((await alert.innerText()).trim().length).toBeGreaterThan('Неверный email или пароль'.length);
    expect(path(page)).toBe('/login');
    await screenshot(page, 'login-wrong-password');
  });

  it('logs in with the right password and returns to the page asked for', async () => {
    const { page } = tab;
    await logIn(page, admin.password);
    await page.waitForURL('**/contacts');
    await page.getByRole('heading', { name: 'Контакты', level: 1 }).waitFor();
    await page.getByRole('banner').getByText(admin.name).waitFor();
  });

  it('switches to English, and the choice survives a reload', async () => {
    const { page } = tab;
    await page.getByRole('navigation').getByRole('link', { name: 'Сделки' }).click();
    await page.getByRole('heading', { name: 'Сделки', level: 1 }).waitFor();

    await openUserMenu(page, 'Меню пользователя');
    await screenshot(page, 'user-menu-ru');
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    await expectNav(page, enNav);

    await page.reload();
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    await expectNav(page, enNav);
    expect(await page.getByText('Сделки').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'shell-en');
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    const { page } = tab;
    const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    await openUserMenu(page, 'User menu');
    await page.getByRole('menuitem', { name: 'Dark theme' }).click();
    await expect.poll(scheme).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    expect(await scheme()).toBe('dark');
    await screenshot(page, 'shell-dark');
  });

  it('works on a phone through the burger menu', async () => {
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = phone;
    await page.goto(new URL('/login', server.url).href);
    await logIn(page, admin.password);
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    // The closed menu is out of the accessibility tree, so its links are not found by role.
    const contactsLink = page.getByRole('navigation').getByRole('link', { name: 'Contacts' });
    expect(await contactsLink.count()).toBe(0);

    await page.getByRole('button', { name: 'Open menu' }).click();
    await contactsLink.waitFor();
    await expect.poll(async () => (await contactsLink.boundingBox())?.x).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'phone-menu');
    await contactsLink.click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await expect.poll(() => contactsLink.count()).toBe(0);
    // Wait for the drawer to finish sliding away before the screenshot.
    const drawer = page.locator('nav[aria-label="Main menu"]');
    await expect
      .poll(async () => drawer.evaluate((el) => el.getBoundingClientRect().right))
      .toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-contacts');
    expect(phone.consoleErrors).toEqual([]);
    await phone.context.close();
  });

  it('tells the user when the account is locked after repeated failures', async () => {
    const visitor = await openPage(browser);
    const { page } = visitor;
    await page.goto(new URL('/login', server.url).href);
    const locked = page.getByRole('alert').getByText('Вход временно заблокирован');
    for (let attempt = 0; attempt < 8 && !(await locked.isVisible()); attempt += 1) {
      await logIn(page, `wrong password ${attempt}`);
      await page.getByRole('alert').waitFor();
    }
    await locked.waitFor();
    await page.getByText(/Попробуйте снова через \d+ минут/).waitFor();
    await screenshot(page, 'login-locked');
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.context.close();
  });

  it('logged no console errors', () => {
    expect(tab.consoleErrors).toEqual([]);
  });
});
