import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, embedded, fieldValues, prop, setupWithApi, type Api } from './crm-helpers';
import {
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'ООО «Мебель Плюс»',
  name: 'Ирина Ковальчук',
  email: 'irina@mebel.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};

describe('contacts and companies', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let page: Page;
  let api: Api;
  let phoneField = 0;
  let emailField = 0;
  let olga = 0;
  let ivan = 0;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);
    const fields = embedded(await api.get('/api/v4/contacts/custom_fields'), 'custom_fields');
    phoneField = Number(fields.find((f) => f.code === 'PHONE')?.id);
    emailField = Number(fields.find((f) => f.code === 'EMAIL')?.id);
    const phone = (value: string) => [{ field_id: phoneField, values: [{ value, enum_code: 'MOB' }] }];
    olga = createdId(
      await api.post('/api/v4/contacts', [
        { name: 'Ольга Петрова', custom_fields_values: phone('+7 (912) 345-67-89') },
      ]),
      'contacts',
    );
    ivan = createdId(
      await api.post('/api/v4/contacts', [
        { name: 'Иван Сидоров', custom_fields_values: phone('+7 903 111-22-33') },
      ]),
      'contacts',
    );
    await api.post('/api/v4/companies', [{ name: 'ИП Диваны' }]);
    await page.goto(new URL('/contacts', server.url).href);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = (p: Page) => p.getByRole('table', { name: 'Контакты' }).getByRole('row');

  it('lists contacts with their phones', async () => {
    await page.getByRole('link', { name: 'Ольга Петрова' }).waitFor();
    await page.getByRole('link', { name: 'Иван Сидоров' }).waitFor();
    await page.getByText('+7 (912) 345-67-89').waitFor();
  });

  it('finds a contact by the phone written another way', async () => {
    await page.getByRole('textbox', { name: 'Поиск контактов' }).fill('8 912 345 67 89');
    await expect.poll(() => rows(page).count()).toBe(2); // header + one contact
    await page.getByRole('link', { name: 'Ольга Петрова' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('8 912 345 67 89');
    await page.getByRole('textbox', { name: 'Поиск контактов' }).fill('');
    await expect.poll(() => rows(page).count()).toBe(3);
  });

  it('edits the card of a contact: e-mail, company, note', async () => {
    await page.getByRole('link', { name: 'Ольга Петрова' }).click();
    await page.getByRole('textbox', { name: 'Имя контакта' }).waitFor();
    const email = page.getByRole('textbox', { name: 'Email', exact: true });
    await email.fill('olga@example.com');
    await email.press('Enter');
    await expect
      .poll(async () => fieldValues(await api.get(`/api/v4/contacts/${olga}`), emailField)[0]?.value)
      .toBe('olga@example.com');

    await page.getByRole('button', { name: 'Добавить компанию' }).click();
    await page.getByLabel('Найти компанию').fill('Диваны');
    await page.getByRole('option', { name: /ИП Диваны/ }).click();
    await page.getByRole('link', { name: 'ИП Диваны' }).waitFor();
    const contact = await api.get(`/api/v4/contacts/${olga}`);
    expect(embedded(contact, 'companies')).toHaveLength(1);

    await page.getByRole('textbox', { name: 'Примечание' }).fill('Перезвонить после 18:00');
    await page.getByRole('button', { name: 'Добавить примечание' }).click();
    await page.getByRole('feed', { name: 'История' }).getByText('Перезвонить после 18:00').waitFor();
    await screenshot(page, 'contact-card');
  });

  it('tags and deletes contacts in bulk from the list', async () => {
    await page.goto(new URL('/contacts', server.url).href);
    await page.getByRole('checkbox', { name: 'Выбрать Иван Сидоров' }).check();
    await page.getByRole('button', { name: 'Добавить теги' }).click();
    const tags = page.getByRole('combobox', { name: 'Какие теги добавить' });
    await tags.fill('холодный');
    await tags.press('Enter');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expect
      .poll(async () => embedded(await api.get(`/api/v4/contacts/${ivan}`), 'tags').map((t) => t.name))
      .toEqual(['холодный']);

    await page.getByRole('checkbox', { name: 'Выбрать Иван Сидоров' }).check();
    await page.getByRole('toolbar').getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('link', { name: 'Иван Сидоров' }).waitFor({ state: 'detached' });
    const left = embedded(await api.get('/api/v4/contacts'), 'contacts').map((c) => c.id);
    expect(left).toEqual([olga]);
  });

  it('creates a contact and opens its card', async () => {
    await page.getByRole('button', { name: 'Новый контакт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый контакт' });
    await dialog.getByLabel('Имя контакта').fill('Пётр Ильин');
    await dialog.getByLabel('Телефон').fill('+380 67 123 45 67');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    // The form first checks for duplicates, then saves and opens the new card.
    await page.waitForURL(/\/contacts\/\d+$/);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Имя контакта' }).inputValue())
      .toBe('Пётр Ильин');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const created = await api.get(`/api/v4/contacts/${id}`);
    expect(prop(created, 'name')).toBe('Пётр Ильин');
    expect(fieldValues(created, phoneField)[0]?.value).toBe('+380 67 123 45 67');
  });

  it('shows the companies list and a company card with its contact', async () => {
    await page.goto(new URL('/companies', server.url).href);
    await page.getByRole('link', { name: 'ИП Диваны' }).click();
    await page.getByRole('link', { name: 'Ольга Петрова' }).waitFor();
  });

  it('logged no console errors', () => {
    expect(tab.consoleErrors).toEqual([]);
  });
});
