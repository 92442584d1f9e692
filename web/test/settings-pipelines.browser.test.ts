import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logInViaApi,
  openPage,
  screenshot,
  setupAdminViaApi,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';
import { apiCall, dialogNamed } from './settings-helpers';

const admin = {
  accountName: 'Онлайн-школа',
  name: 'Ирина Ковальчук',
  email: 'irina@school.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};
const member = {
  name: 'Павел',
  email: 'pavel@school.test',
  password: 'member password 1',
  lang: 'ru',
  isAdmin: false,
} as const;

type Status = { id: number; name: string; color: string; type: number; sort: number };
type Pipeline = {
  id: number;
  name: string;
  is_main: boolean;
  is_archive: boolean;
  _embedded: { statuses: Status[] };
};

describe('settings: pipelines and stages', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;

  const pipelines = async (): Promise<Pipeline[]> => {
    const res = await apiCall(tab.context, server.url, 'GET', '/api/v4/leads/pipelines');
    return (res.body as { _embedded: { pipelines: Pipeline[] } })._embedded.pipelines;
  };
  const webinar = async () => {
    const found = (await pipelines()).find((p) => p.name === 'Вебинарная воронка');
    if (!found) throw new Error('no webinar pipeline');
    return found;
  };
  const openStageNames = async () =>
    (await webinar())._embedded.statuses
      .filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143)
      .map((s) => s.name);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
    await setupAdminViaApi(tab.context, server.url, admin);
    await server.addUser(member);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a pipeline with its first stages from the settings index', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings', server.url).href);
    await page
      .getByRole('main')
      .getByRole('link', { name: /Воронки и этапы/ })
      .click();
    await page.getByRole('heading', { name: 'Воронки и этапы', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Добавить воронку' }).click();
    const dialog = await dialogNamed(page, 'Новая воронка');
    await dialog.getByRole('button', { name: 'Создать воронку' }).click();
    await dialog.getByText('Заполните это поле').waitFor();
    await dialog.getByLabel(/^Название/).fill('Вебинарная воронка');
    await dialog.getByLabel(/^Этапы/).fill('Регистрация\nПосетил вебинар\nОставил заявку');
    await dialog.getByRole('button', { name: 'Создать воронку' }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.getByRole('region', { name: 'Вебинарная воронка' });
    await card.getByRole('listitem', { name: 'Оставил заявку' }).waitFor();
    expect(await openStageNames()).toEqual(['Регистрация', 'Посетил вебинар', 'Оставил заявку']);
    const stages = (await webinar())._embedded.statuses;
    expect(stages.at(-2)?.id).toBe(142);
    expect(stages.at(-1)?.id).toBe(143);
  });

  it('adds, recolours and reorders stages by dragging; the order survives a reload', async () => {
    const { page } = tab;
    const card = page.getByRole('region', { name: 'Вебинарная воронка' });
    await card.getByLabel('Новый этап').fill('Оформил заказ');
    await card.getByRole('button', { name: 'Добавить этап' }).click();
    await card.getByRole('listitem', { name: 'Оформил заказ' }).waitFor();

    await card.getByRole('button', { name: 'Цвет этапа «Регистрация»' }).click();
    await page.getByRole('option', { name: '#ffc8c8' }).click();
    await expect
      .poll(async () => (await webinar())._embedded.statuses.find((s) => s.name === 'Регистрация')?.color)
      .toBe('#ffc8c8');

    // Drag "Оставил заявку" above "Посетил вебинар" with the mouse.
    const handle = card.getByRole('button', { name: 'Перетащить этап «Оставил заявку»' });
    const target = card.getByRole('listitem', { name: 'Посетил вебинар' });
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('stage rows are not visible');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
    await page.mouse.move(from.x + from.width / 2, to.y + 2, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(openStageNames)
      .toEqual(['Регистрация', 'Оставил заявку', 'Посетил вебинар', 'Оформил заказ']);

    // And with the keyboard: Space picks "Регистрация" up, ArrowDown moves it, Space drops it.
    await card.getByRole('button', { name: 'Перетащить этап «Регистрация»' }).focus();
    // (dnd-kit measures between the key presses, as it would between a person's.)
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await expect
      .poll(openStageNames)
      .toEqual(['Оставил заявку', 'Регистрация', 'Посетил вебинар', 'Оформил заказ']);

    await page.reload();
    const rows = page.getByRole('region', { name: 'Вебинарная воронка' }).getByRole('listitem');
    await rows.first().waitFor();
    const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(names.slice(1, 5)).toEqual(['Оставил заявку', 'Регистрация', 'Посетил вебинар', 'Оформил заказ']);
    await screenshot(page, 'settings-pipelines');
  });

  it('deletes a stage, moving its deals to the stage chosen', async () => {
    const { page } = tab;
    const pipeline = await webinar();
    const visited = pipeline._embedded.statuses.find((s) => s.name === 'Посетил вебинар');
    const ordered = pipeline._embedded.statuses.find((s) => s.name === 'Оформил заказ');
    const created = await apiCall(tab.context, server.url, 'POST', '/api/v4/leads', [
      { name: 'Ученик 1', pipeline_id: pipeline.id, status_id: visited?.id },
      { name: 'Ученик 2', pipeline_id: pipeline.id, status_id: visited?.id },
    ]);
    expect(created.status).toBe(200);
    const ids = (created.body as { _embedded: { leads: Array<{ id: number }> } })._embedded.leads.map(
      (l) => l.id,
    );

    const card = page.getByRole('region', { name: 'Вебинарная воронка' });
    await card.getByRole('button', { name: 'Удалить этап «Посетил вебинар»' }).click();
    const dialog = await dialogNamed(page, 'Удалить этап «Посетил вебинар»?');
    await dialog.getByLabel('Перенести сделки в').click();
    await page.getByRole('option', { name: 'Оформил заказ' }).click();
    await dialog.getByRole('button', { name: 'Удалить этап' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Этап «Посетил вебинар» удалён').waitFor();
    expect(await openStageNames()).toEqual(['Оставил заявку', 'Регистрация', 'Оформил заказ']);
    for (const id of ids) {
      const lead = await apiCall(tab.context, server.url, 'GET', `/api/v4/leads/${id}`);
      expect((lead.body as { status_id: number }).status_id).toBe(ordered?.id);
    }
  });

  it('archives the pipeline, renames it and keeps the main one', async () => {
    const { page } = tab;
    const card = page.getByRole('region', { name: 'Вебинарная воронка' });
    await card.getByRole('button', { name: 'Переименовать воронку «Вебинарная воронка»' }).click();
    const input = card.getByRole('textbox', { name: 'Переименовать воронку «Вебинарная воронка»' });
    await input.fill('Вебинары');
    await input.press('Enter');
    const renamed = page.getByRole('region', { name: 'Вебинары' });
    await renamed.getByRole('button', { name: 'Архив' }).click();
    await renamed.getByText('В архиве', { exact: true }).waitFor();
    const all = await pipelines();
    expect(all.find((p) => p.name === 'Вебинары')?.is_archive).toBe(true);
    expect(all.filter((p) => p.is_main)).toHaveLength(1);
    expect(tab.consoleErrors).toEqual([]);
  });

  it('hides settings from a non-admin, and the server refuses their changes', async () => {
    const visitor = await openPage(browser, {
      locale: 'ru-RU',
      expectedFailures: [{ path: '/api/v4/leads/pipelines', status: 403 }],
    });
    await logInViaApi(visitor.context, server.url, member);
    await visitor.page.goto(new URL('/settings', server.url).href);
    await visitor.page.getByText('Настройки доступны администраторам').waitFor();
    expect(await visitor.page.getByRole('main').getByRole('link').count()).toBe(0);
    await visitor.page.goto(new URL('/settings/pipelines', server.url).href);
    await visitor.page.getByText('Настройки доступны администраторам').waitFor();
    const res = await apiCall(visitor.context, server.url, 'POST', '/api/v4/leads/pipelines', [
      { name: 'Моя' },
    ]);
    expect(res.status).toBe(403);
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.context.close();
  });
});
