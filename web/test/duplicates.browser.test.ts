import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, embedded, prop, setupWithApi, type Api } from './crm-helpers';
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

describe('find duplicates: side-by-side merge and undo', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let page: Page;
  let api: Api;
  let first = 0;
  let second = 0;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);
    const fields = embedded(await api.get('/api/v4/contacts/custom_fields'), 'custom_fields');
    const phoneField = Number(fields.find((f) => f.code === 'PHONE')?.id);
    const emailField = Number(fields.find((f) => f.code === 'EMAIL')?.id);
    // One customer entered twice: the same phone written two ways, a different e-mail each time.
    first = createdId(
      await api.post('/api/v4/contacts', [
        {
          name: 'Ольга Петрова',
          custom_fields_values: [
            { field_id: phoneField, values: [{ value: '+7 (912) 345-67-89', enum_code: 'MOB' }] },
            { field_id: emailField, values: [{ value: 'olga@mail.test', enum_code: 'WORK' }] },
          ],
        },
      ]),
      'contacts',
    );
    second = createdId(
      await api.post('/api/v4/contacts', [
        {
          name: 'Ольга П.',
          custom_fields_values: [
            { field_id: phoneField, values: [{ value: '8 912 345 67 89', enum_code: 'WORK' }] },
            { field_id: emailField, values: [{ value: 'petrova@work.test', enum_code: 'WORK' }] },
          ],
        },
      ]),
      'contacts',
    );
    await api.post('/api/v4/contacts/notes', [
      { entity_id: first, note_type: 'common', params: { text: 'Хочет диван к маю' } },
      { entity_id: second, note_type: 'common', params: { text: 'Просила скидку 5%' } },
    ]);
    await api.post('/api/v4/leads', [
      { name: 'Диван «Честер»', price: 90000, _embedded: { contacts: [{ id: first }] } },
      { name: 'Кресло «Эгг»', price: 40000, _embedded: { contacts: [{ id: second }] } },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const feed = () => page.getByRole('feed', { name: 'История' });

  it('finds the pair by phone, merges it keeping chosen values, notes and deals', async () => {
    await page.goto(new URL('/contacts/duplicates', server.url).href);
    const group = page.getByTestId('duplicate-group');
    await group.getByText('Записей: 2').waitFor();
    await group.getByRole('link', { name: 'Ольга Петрова' }).waitFor();
    await group.getByRole('link', { name: 'Ольга П.' }).waitFor();
    await group.getByRole('button', { name: 'Сравнить и объединить' }).click();

    const dialog = page.getByRole('dialog', { name: 'Объединение дублей' });
    const table = dialog.getByTestId('merge-table');
    await table.getByText('Ольга П.').waitFor();
    // Keep the second record, but the first one's full name.
    await table.getByRole('radio', { name: `Оставить эту запись #${second}` }).check();
    await table.getByRole('radio', { name: 'Имя: Ольга Петрова' }).check();
    await screenshot(page, 'duplicates-merge');
    await dialog.getByRole('button', { name: 'Объединить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('merge-row')
      .getByText(`«Ольга Петрова» объединён с #${second}`, { exact: false })
      .waitFor();
    await page.getByText('Вероятных дублей не найдено.').waitFor();

    await page.goto(new URL(`/contacts/${second}`, server.url).href);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Имя контакта' }).inputValue())
      .toBe('Ольга Петрова');
    await page.getByRole('link', { name: 'Диван «Честер»' }).waitFor();
    await page.getByRole('link', { name: 'Кресло «Эгг»' }).waitFor();
    await feed().getByText('Хочет диван к маю').waitFor();
    await feed().getByText('Просила скидку 5%').waitFor();
    const merged = await api.get(`/api/v4/contacts/${second}`);
    const emails = JSON.stringify(prop(merged, 'custom_fields_values'));
    expect(emails).toContain('olga@mail.test');
    expect(emails).toContain('petrova@work.test');
    await screenshot(page, 'duplicates-merged-card');
  });

  it('undoes the merge: both contacts are back with their own notes and deals', async () => {
    await page.goto(new URL('/contacts/duplicates', server.url).href);
    const row = page.getByTestId('merge-row').first();
    await row.getByRole('button', { name: 'Отменить' }).click();
    await row.getByText('Отменено').waitFor();
    await page.getByTestId('duplicate-group').getByText('Записей: 2').waitFor();

    await page.goto(new URL(`/contacts/${first}`, server.url).href);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Имя контакта' }).inputValue())
      .toBe('Ольга Петрова');
    await page.getByRole('link', { name: 'Диван «Честер»' }).waitFor();
    await feed().getByText('Хочет диван к маю').waitFor();
    expect(await page.getByRole('link', { name: 'Кресло «Эгг»' }).count()).toBe(0);

    await page.goto(new URL(`/contacts/${second}`, server.url).href);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Имя контакта' }).inputValue())
      .toBe('Ольга П.');
    await page.getByRole('link', { name: 'Кресло «Эгг»' }).waitFor();
    await feed().getByText('Просила скидку 5%').waitFor();
    expect(await page.getByRole('link', { name: 'Диван «Честер»' }).count()).toBe(0);
    expect(await feed().getByText('Хочет диван к маю').count()).toBe(0);
    expect(tab.consoleErrors).toEqual([]);
  });
});
