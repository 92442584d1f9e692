import type { Browser } from 'playwright-core';
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
import { apiCall, dialogNamed } from './settings-helpers';

const admin = {
  accountName: 'Мебель Х',
  name: 'Ирина Ковальчук',
  email: 'irina@mebel.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};

type Field = {
  id: number;
  name: string;
  type: string;
  group_id?: number;
  enums?: Array<{ id: number; value: string; sort: number }>;
  required_statuses: Array<{ pipeline_id: number; status_id: number }>;
};
type Pipeline = {
  id: number;
  is_main: boolean;
  _embedded: { statuses: Array<{ id: number; name: string }> };
};

describe('settings: custom fields and groups', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;

  const fields = async (entity = 'leads'): Promise<Field[]> => {
    const res = await apiCall(tab.context, server.url, 'GET', `/api/v4/${entity}/custom_fields`);
    return res.status === 204
      ? []
      : (res.body as { _embedded: { custom_fields: Field[] } })._embedded.custom_fields;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
    await setupAdminViaApi(tab.context, server.url, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a select field with ordered options, required in a stage', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings', server.url).href);
    await page.getByRole('main').getByRole('link', { name: /Поля/ }).click();
    await page.getByRole('heading', { name: 'Поля', level: 1 }).waitFor();
    await page.getByText('В этой группе пока нет полей.').waitFor();

    await page.getByRole('button', { name: 'Добавить поле' }).click();
    const dialog = await dialogNamed(page, 'Новое поле');
    await dialog.getByLabel(/^Название/).fill('Способ оплаты');
    await dialog.getByLabel('Тип', { exact: true }).click();
    await page.getByRole('option', { name: 'Список', exact: true }).click();
    // Two empty options are offered; a third is added; none filled is refused.
    await dialog.getByRole('button', { name: 'Создать поле' }).click();
    await dialog.getByText('Нужен хотя бы один вариант').waitFor();
    await dialog.getByLabel('Вариант 1').fill('Наложенный платёж');
    await dialog.getByLabel('Вариант 2').fill('Предоплата');
    await dialog.getByRole('button', { name: 'Добавить вариант' }).click();
    await dialog.getByLabel('Вариант 3').fill('Карта');
    await dialog.getByRole('button', { name: 'Выше: Карта' }).click();
    await dialog.getByLabel('Обязательно на этапах', { exact: true }).click();
    await page.getByRole('option', { name: /^Переговоры/ }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'settings-field-modal');
    await dialog.getByRole('button', { name: 'Создать поле' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('listitem', { name: 'Способ оплаты' }).getByText('Обязательно на 1 этапе').waitFor();
    const [field] = await fields();
    expect(field?.type).toBe('select');
    expect([...(field?.enums ?? [])].sort((a, b) => a.sort - b.sort).map((e) => e.value)).toEqual([
      'Наложенный платёж',
      'Карта',
      'Предоплата',
    ]);
    const pipelines = (await apiCall(tab.context, server.url, 'GET', '/api/v4/leads/pipelines')).body as {
      _embedded: { pipelines: Pipeline[] };
    };
    const main = pipelines._embedded.pipelines.find((p) => p.is_main);
    const talks = main?._embedded.statuses.find((s) => s.name === 'Переговоры');
    expect(field?.required_statuses).toEqual([{ pipeline_id: main?.id, status_id: talks?.id }]);
  });

  it('edits options, moves the field into a new group, then deletes the group and the field', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Добавить группу' }).click();
    const group = page.getByRole('region', { name: 'Новая группа' });
    await group.getByRole('button', { name: 'Переименовать группу «Новая группа»' }).click();
    const input = group.getByRole('textbox', { name: 'Переименовать группу «Новая группа»' });
    await input.fill('Доставка');
    await input.press('Enter');
    await page.getByRole('region', { name: 'Доставка' }).waitFor();

    await page.getByRole('button', { name: 'Изменить поле «Способ оплаты»' }).click();
    const dialog = await dialogNamed(page, 'Поле «Способ оплаты»');
    await dialog.getByLabel('Вариант 3').fill('Предоплата 50%');
    await dialog.getByRole('button', { name: 'Удалить вариант Наложенный платёж' }).click();
    await dialog.getByLabel('Группа', { exact: true }).click();
    await page.getByRole('option', { name: 'Доставка' }).click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Доставка' })
      .getByRole('listitem', { name: 'Способ оплаты' })
      .waitFor();
    const [field] = await fields();
    expect([...(field?.enums ?? [])].sort((a, b) => a.sort - b.sort).map((e) => e.value)).toEqual([
      'Карта',
      'Предоплата 50%',
    ]);
    expect(field?.group_id).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Удалить группу «Доставка»' }).click();
    const confirmGroup = await dialogNamed(page, 'Удалить группу «Доставка»?');
    await confirmGroup.getByRole('button', { name: 'Удалить' }).click();
    await confirmGroup.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Основное' })
      .getByRole('listitem', { name: 'Способ оплаты' })
      .waitFor();

    await page.getByRole('button', { name: 'Удалить «Способ оплаты»' }).click();
    const confirmField = await dialogNamed(page, 'Удалить поле «Способ оплаты»?');
    await confirmField.getByRole('button', { name: 'Удалить' }).click();
    await page.getByText('В этой группе пока нет полей.').waitFor();
    expect(await fields()).toEqual([]);
  });

  it('shows the built-in contact fields, which cannot be deleted', async () => {
    const { page } = tab;
    await page.getByRole('main').getByText('Контакты', { exact: true }).click();
    const phone = page.getByRole('listitem', { name: 'Телефон' });
    await phone.getByText('Системное').waitFor();
    expect(await page.getByRole('button', { name: 'Удалить «Телефон»' }).count()).toBe(0);
    expect(tab.consoleErrors).toEqual([]);
  });
});
