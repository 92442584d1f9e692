import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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
  accountName: 'Мебельный салон «Х»',
  name: 'Ольга Админова',
  email: 'olga@mebel.test',
  password: 'correct horse battery',
  locale: 'ru',
};

const pipelinesSchema = z.object({
  _embedded: z.object({
    pipelines: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        is_main: z.boolean(),
        _embedded: z.object({
          statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.number() })),
        }),
      }),
    ),
  }),
});

describe('digital pipeline editor', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let csrf = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU', expectedFailures: AUTH_PROBE_FAILURES });
    const res = await tab.context.request.post(new URL('/api/app/setup', server.url).href, { data: admin });
    expect(res.ok()).toBe(true);
    csrf = z.object({ csrfToken: z.string() }).parse(await res.json()).csrfToken;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a trigger in the UI that then fires when a deal enters the stage', async () => {
    const { page, context } = tab;
    const api = (method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) =>
      context.request.fetch(new URL(path, server.url).href, {
        method,
        headers: { 'x-csrf-token': csrf },
        ...(data === undefined ? {} : { data }),
      });
    const pipelines = pipelinesSchema.parse(await (await api('GET', '/api/v4/leads/pipelines')).json())
      ._embedded.pipelines;
    const main = pipelines.find((p) => p.is_main);
    const open = main?._embedded.statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143) ?? [];
    const [first, target] = open;
    if (!main || !first || !target) throw new Error('unexpected default pipeline');

    await page.goto(new URL('/settings', server.url).href);
    await page
      .getByRole('main')
      .getByRole('link', { name: /Цифровая воронка/ })
      .click();
    await page.waitForURL('**/settings/automation');
    // The URL changes before a lazily loaded page replaces the settings index: wait for the page.
    await page.getByRole('heading', { name: 'Цифровая воронка', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: main.name }).click();
    await page.waitForURL(`**/settings/pipelines/${main.id}/automation`);
    await page.getByRole('heading', { name: `Цифровая воронка: ${main.name}`, level: 1 }).waitFor();

    const column = page.getByRole('region', { name: target.name, exact: true });
    await column.getByRole('button', { name: '+ Добавить триггер' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый триггер' });
    await dialog.waitFor();
    await dialog.getByLabel('Название').fill('Позвонить новому клиенту');
    await dialog.getByLabel(/^Текст/).fill('Позвонить: {{deal.name}}, бюджет {{deal.budget}}');
    await screenshot(page, 'automation-trigger-editor');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await column.getByText('Позвонить новому клиенту').waitFor();
    await column.getByText('Создать задачу · Перешла в этап · Сразу').waitFor();

    const created = await api('POST', '/api/v4/leads', [
      { name: 'Угловой диван', price: 64000, status_id: first.id },
    ]);
    expect(created.status()).toBe(200);
    const dealId = z
      .object({ _embedded: z.object({ leads: z.array(z.object({ id: z.number() })) }) })
      .parse(await created.json())._embedded.leads[0]?.id;
    expect((await api('PATCH', `/api/v4/leads/${dealId}`, { status_id: target.id })).status()).toBe(200);

    const log = page.getByRole('table', { name: 'Журнал запусков' });
    await log
      .getByRole('row')
      .filter({ hasText: 'Угловой диван' })
      .getByText('Выполнен')
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'automation-run-log');
    const tasks = z
      .object({
        _embedded: z.object({
          tasks: z.array(z.object({ text: z.string(), entity_id: z.number().nullable() })),
        }),
      })
      .parse(await (await api('GET', '/api/v4/tasks')).json())._embedded.tasks;
    expect(tasks.find((x) => x.entity_id === dealId)?.text).toBe('Позвонить: Угловой диван, бюджет 64000');
    expect(tab.consoleErrors).toEqual([]);
  });

  it('picks stages, fields, users and tasks types from lists instead of typing ids or JSON', async () => {
    const { page, context } = tab;
    const api = (method: 'GET' | 'POST', path: string, data?: unknown) =>
      context.request.fetch(new URL(path, server.url).href, {
        method,
        headers: { 'x-csrf-token': csrf },
        ...(data === undefined ? {} : { data }),
      });
    const main = pipelinesSchema
      .parse(await (await api('GET', '/api/v4/leads/pipelines')).json())
      ._embedded.pipelines.find((p) => p.is_main);
    const open = main?._embedded.statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143) ?? [];
    const [first, second, third] = open;
    if (!main || !first || !second || !third) throw new Error('unexpected default pipeline');
    const field = await api('POST', '/api/v4/leads/custom_fields', [
      { name: 'Ссылка на анкету', type: 'url' },
    ]);
    expect(field.status()).toBe(200);

    await page.goto(new URL(`/settings/pipelines/${main.id}/automation`, server.url).href);
    const column = page.getByRole('region', { name: first.name, exact: true });
    await column.getByRole('button', { name: '+ Добавить триггер' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый триггер' });
    await dialog.waitFor();
    const choose = async (label: string | RegExp, option: string) => {
      await dialog.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    // Create task: the responsible is distributed over chosen users, the deadline is amount + unit.
    await dialog.getByLabel(/^Текст/).fill('Перезвонить');
    await dialog.getByRole('textbox', { name: 'Срок через' }).fill('3');
    await choose('Единица', 'часов');
    await choose('Ответственный', 'Распределять по очереди');
    await dialog.getByRole('combobox', { name: 'Распределять между' }).click();
    await page.getByRole('option', { name: admin.name }).click();
    await dialog.getByLabel('Название').click(); // closes the dropdown
    await screenshot(page, 'automation-responsible-picker');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Questionnaire: questions as rows, the link field and the next stage from lists.
    await page
      .getByRole('region', { name: second.name, exact: true })
      .getByRole('button', { name: '+ Добавить триггер' })
      .click();
    await dialog.waitFor();
    await choose('Действие', 'Индивидуальная анкета');
    await choose('Поле для ссылки на анкету', 'Ссылка на анкету');
    await choose('Этап после заполнения', `${main.name}: ${third.name}`);
    await dialog.getByRole('button', { name: '+ Добавить вопрос' }).click();
    await dialog.getByRole('textbox', { name: 'Вопрос 1', exact: true }).fill('Какой диван вы ищете?');
    await dialog.getByRole('switch', { name: 'Обязательный' }).click({ force: true });
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });

    const triggers = z
      .array(
        z.object({
          stage_id: z.number().nullable(),
          action: z.object({ type: z.string(), params: z.unknown() }),
        }),
      )
      .parse(await (await api('GET', `/api/app/pipelines/${main.id}/triggers`)).json());
    const users = z
      .object({ _embedded: z.object({ users: z.array(z.object({ id: z.number() })) }) })
      .parse(await (await api('GET', '/api/v4/users')).json())._embedded.users;
    const fieldId = z
      .object({ _embedded: z.object({ custom_fields: z.array(z.object({ id: z.number() })) }) })
      .parse(await field.json())._embedded.custom_fields[0]?.id;
    expect(
      triggers.find((x) => x.stage_id === first.id && x.action.type === 'create_task')?.action,
    ).toMatchObject({
      type: 'create_task',
      params: {
        text: 'Перезвонить',
        due_in: { amount: 3, unit: 'hours' },
        responsible: { mode: 'round_robin', user_ids: [users[0]?.id] },
      },
    });
    expect(
      triggers.find((x) => x.stage_id === second.id && x.action.type === 'questionnaire')?.action,
    ).toMatchObject({
      type: 'questionnaire',
      params: {
        link_field_id: fieldId,
        target_stage_id: third.id,
        questions: [{ label: 'Какой диван вы ищете?', required: true }],
      },
    });
    expect(tab.consoleErrors).toEqual([]);
  });

  it('sets up outgoing email and working hours on the settings screen, keeping the stored password', async () => {
    const { page, context } = tab;
    await page.goto(new URL('/settings/automation', server.url).href);
    const smtp = page.getByRole('region', { name: 'Исходящая почта (SMTP)' });
    await smtp.getByRole('switch', { name: 'Исходящая почта (SMTP)' }).click({ force: true });
    await smtp.getByLabel('SMTP-сервер').fill('smtp.mebel.test');
    await smtp.getByRole('textbox', { name: 'Порт' }).fill('2525');
    await smtp.getByLabel('Пароль', { exact: true }).fill('smtp-secret');
    await smtp.getByRole('textbox', { name: 'Отправитель' }).fill('Мебель Х <shop@mebel.test>');
    const hours = page.getByRole('region', { name: 'Рабочее время' });
    await hours.getByText('Сб', { exact: true }).click();
    await hours.getByLabel('До').fill('20:00');
    await page.getByRole('button', { name: 'Сохранить настройки' }).click();
    await page.getByText('Настройки сохранены').waitFor();
    await screenshot(page, 'automation-settings');

    const read = async () =>
      z
        .object({
          smtp: z.object({ host: z.string(), port: z.number(), has_password: z.boolean() }).nullable(),
          schedule: z.object({ days: z.array(z.number()), to: z.string() }),
        })
        .parse(
          await (await context.request.get(new URL('/api/app/automation/settings', server.url).href)).json(),
        );
    expect(await read()).toEqual({
      smtp: { host: 'smtp.mebel.test', port: 2525, has_password: true },
      schedule: { days: [1, 2, 3, 4, 5, 6], to: '20:00' },
    });

    // Changing another value later keeps the password that the screen never shows.
    await page.reload();
    await expect
      .poll(() => smtp.getByLabel('Пароль', { exact: true }).getAttribute('placeholder'))
      .toBe('Сохранён; оставьте пустым, чтобы не менять');
    await smtp.getByLabel('SMTP-сервер').fill('smtp2.mebel.test');
    await page.getByRole('button', { name: 'Сохранить настройки' }).click();
    await expect
      .poll(async () => (await read()).smtp)
      .toMatchObject({ host: 'smtp2.mebel.test', has_password: true });
    expect(tab.consoleErrors).toEqual([]);
  });
});
