import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupWithApi, type Api } from './crm-helpers';
import {
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Школа «Лингва»',
  name: 'Ирина Ковальчук',
  email: 'irina@lingva.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};

const pipelinesSchema = z.object({
  _embedded: z.object({
    pipelines: z.array(
      z.object({
        id: z.number(),
        is_main: z.boolean(),
        _embedded: z.object({
          statuses: z.array(
            z.object({ id: z.number(), name: z.string(), sort: z.number(), type: z.number() }),
          ),
        }),
      }),
    ),
  }),
});
const usersSchema = z.object({
  _embedded: z.object({ users: z.array(z.object({ id: z.number(), name: z.string() })) }),
});

/** Picks an option of a Mantine Select found by its label. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('inbox settings', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let visitor: TestPage;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU' });
    visitor = await openPage(browser, { locale: 'ru-RU' });
    api = await setupWithApi(tab.context, server.url, admin);
    await server.addUser({
      name: 'Пётр Сидоров',
      email: 'petr@lingva.test',
      password: 'another horse battery',
      lang: 'ru',
      isAdmin: false,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('auto-accepts web form submissions into the chosen stage, for the distributed user', async () => {
    const main = pipelinesSchema
      .parse(await api.get('/api/v4/leads/pipelines'))
      ._embedded.pipelines.find((p) => p.is_main);
    if (!main) throw new Error('no main pipeline');
    const working = main._embedded.statuses
      .filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143)
      .sort((a, b) => a.sort - b.sort);
    const target = working[1];
    if (!target) throw new Error('the main pipeline needs two working stages');
    const petr = usersSchema
      .parse(await api.get('/api/v4/users'))
      ._embedded.users.find((u) => u.name === 'Пётр Сидоров');
    if (!petr) throw new Error('no second user');

    const { page } = tab;
    await page.goto(new URL('/inbox', server.url).href);
    await page.getByTestId('inbox-settings-link').click();
    await page.getByRole('heading', { name: 'Настройки неразобранного', level: 1 }).waitFor();

    // Distribution: every accepted lead goes to Пётр.
    const distribution = page.getByTestId('inbox-distribution');
    await choose(page, 'Распределение', 'Один пользователь');
    await choose(page, 'Пользователь', 'Пётр Сидоров');
    await distribution.getByTestId('distribution-save').click();
    await distribution.getByText('Сохранено').waitFor();

    // Auto-accept: web forms go straight into the second working stage.
    const forms = page.getByTestId('inbox-auto-accept').locator('[data-channel="forms"]');
    await forms.getByRole('switch', { name: 'Веб-формы' }).click({ force: true });
    const stageSelect = page.getByRole('combobox', { name: 'Этап для канала «Веб-формы»' });
    await stageSelect.waitFor();
    await choose(page, 'Этап для канала «Веб-формы»', target.name);
    await expect.poll(() => stageSelect.inputValue()).toBe(target.name);
    await expect
      .poll(async () => JSON.stringify(await api.get('/api/app/inbox/auto-accept')))
      .toContain(`"stage_id":${target.id}`);
    // Calls stay in the inbox.
    await page
      .getByTestId('inbox-auto-accept')
      .locator('[data-channel="sip"]')
      .getByText('Ждёт в неразобранном')
      .waitFor();
    await screenshot(page, 'inbox-settings');

    const form = z.object({ links: z.object({ page: z.string() }) }).parse(
      await api.post('/api/app/forms', {
        name: 'Пробный урок',
        lang: 'ru',
        pipeline_id: main.id,
        is_active: true,
        settings: {
          fields: [
            { key: 'name', label: 'Имя', type: 'text', target: 'contact_name', required: true },
            { key: 'phone', label: 'Телефон', type: 'phone', target: 'contact_phone', required: true },
          ],
          consent: { enabled: false, text: '' },
          submit_label: '',
          success: { mode: 'text', text: 'Спасибо!', redirect_url: '' },
        },
      }),
    );
    await visitor.page.goto(form.links.page);
    await visitor.page.getByLabel('Имя').fill('Мария Автоприёмова');
    await visitor.page.getByLabel('Телефон').fill('+7 912 345-67-89');
    await visitor.page.getByRole('button', { name: 'Отправить' }).click();
    await visitor.page.getByTestId('form-thanks').waitFor();

    await page.goto(new URL('/deals', server.url).href);
    const card = page
      .locator(`[data-stage-id="${target.id}"]`)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Мария Автоприёмова' });
    await card.waitFor();
    const dealId = Number(await card.getAttribute('data-deal-id'));
    const deal = z
      .object({ status_id: z.number(), responsible_user_id: z.number() })
      .parse(await api.get(`/api/v4/leads/${dealId}`));
    expect(deal).toEqual({ status_id: target.id, responsible_user_id: petr.id });
    await screenshot(page, 'inbox-auto-accepted-on-board');

    // Nothing waits in the inbox: the lead was accepted on arrival.
    await page.goto(new URL('/inbox', server.url).href);
    await page.getByText('Здесь нет заявок').waitFor();

    // The form is now a known source: its own stage wins over the web forms rule.
    const own = working[0];
    if (!own) throw new Error('no first working stage');
    await page.goto(new URL('/settings/inbox', server.url).href);
    const sourceStage = page.getByRole('combobox', { name: 'Этап для «Пробный урок»' });
    await expect.poll(() => sourceStage.inputValue()).toBe('По правилу канала');
    await choose(page, 'Этап для «Пробный урок»', own.name);
    await expect
      .poll(async () => JSON.stringify(await api.get('/api/app/inbox/sources')))
      .toContain(`"auto_accept_stage_id":${own.id}`);
    await visitor.page.goto(form.links.page);
    await visitor.page.getByLabel('Имя').fill('Олег Источников');
    await visitor.page.getByLabel('Телефон').fill('+7 912 345-00-11');
    await visitor.page.getByRole('button', { name: 'Отправить' }).click();
    await visitor.page.getByTestId('form-thanks').waitFor();
    await page.goto(new URL('/deals', server.url).href);
    await page
      .locator(`[data-stage-id="${own.id}"]`)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Олег Источников' })
      .waitFor();
    expect(tab.consoleErrors).toEqual([]);
  });
});
