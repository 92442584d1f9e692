import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createdId, embedded, setupWithApi, type Api } from './crm-helpers';
import { dragTo } from './dnd-helpers';
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
  accountName: 'Онлайн-школа «Сила»',
  name: 'Анна Админова',
  email: 'anna@sila.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};
const manager = { name: 'Павел Менеджеров', email: 'pavel@sila.test', password: 'pavel password 1' };

const leadSchema = z.object({ id: z.number(), status_id: z.number() });

/**
 * The seed 001 regulation as a manager meets it on the board: a stage only the CRM administrator
 * works with is invisible (cards, counts and sums), a stage only the robot may fill refuses drags
 * before the server is asked, a stage with a required field asks for it in a modal, and a move
 * the server refuses is in the administrator's audit log.
 */
describe('rights and process rules on the board', () => {
  let server: TestServer;
  let browser: Browser;
  let adminTab: TestPage;
  let managerTab: TestPage;
  let api: Api;
  let pipelineId = 0;
  let hidden = 0;
  let working = 0;
  let needsGender = 0;
  let robotOnly = 0;
  const ids: Record<string, number> = {};

  const column = (page: Page, stageId: number) => page.locator(`[data-stage-id="${stageId}"]`);
  const card = (page: Page, name: string) => page.locator('[data-deal-id]').filter({ hasText: name });
  const statusOf = async (id: number) => leadSchema.parse(await api.get(`/api/v4/leads/${id}`)).status_id;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    adminTab = await openPage(browser, { viewport: { width: 1920, height: 1000 } });
    api = await setupWithApi(adminTab.context, server.url, admin);
    const main = embedded(await api.get('/api/v4/leads/pipelines'), 'pipelines').find((p) => p.is_main);
    const statuses = z
      .array(z.object({ id: z.number(), type: z.number() }))
      .parse((main?._embedded as { statuses?: unknown } | undefined)?.statuses);
    pipelineId = Number(main?.id);
    const open = statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143).map((s) => s.id);
    [hidden = 0, working = 0, needsGender = 0, robotOnly = 0] = open;
    if (!robotOnly) throw new Error('the default pipeline needs four open stages');

    await api.post('/api/v4/leads/custom_fields', [
      { name: 'Пол', type: 'text', required_statuses: [{ status_id: needsGender, pipeline_id: pipelineId }] },
    ]);
    const roles = await api.post('/api/v4/roles', [
      {
        name: 'Менеджер отдела продаж',
        rights: {
          leads: { view: 'A', edit: 'A', add: 'A', delete: 'D', export: 'D' },
          status_rights: [
            { entity_type: 'leads', pipeline_id: pipelineId, status_id: hidden, rights: { view: 'D' } },
            { entity_type: 'leads', pipeline_id: pipelineId, status_id: robotOnly, rights: { move_in: 'D' } },
          ],
        },
      },
    ]);
    const roleId = createdId(roles, 'roles');
    await api.post('/api/app/users', { ...manager, lang: 'ru', role_id: roleId });
    for (const [name, status_id, price] of [
      ['Заявка с сайта', hidden, 70_000],
      ['Ирина Соколова', working, 12_000],
    ] as const)
      ids[name] = createdId(
        await api.post('/api/v4/leads', [{ name, price, status_id, pipeline_id: pipelineId }]),
        'leads',
      );

    managerTab = await openPage(browser, {
      viewport: { width: 1920, height: 1000 },
      expectedFailures: [
        ...AUTH_PROBE_FAILURES,
        { path: `/api/v4/leads/${ids['Ирина Соколова']}`, status: 403 },
      ],
    });
    const { page } = managerTab;
    await page.goto(new URL('/login', server.url).href);
    await page.getByRole('textbox', { name: /^Email/ }).fill(manager.email);
    await page.getByLabel(/^Пароль/).fill(manager.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Сделки', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('hides the stage the role may not see, with its deals, counts and sums', async () => {
    const { page } = managerTab;
    await card(page, 'Ирина Соколова').waitFor();
    expect(await column(page, hidden).count()).toBe(0);
    expect(await page.getByText('Заявка с сайта').count()).toBe(0);
    // The administrator does see it.
    await adminTab.page.goto(new URL('/deals', server.url).href);
    await card(adminTab.page, 'Заявка с сайта').waitFor();
    // A search for it finds nothing for the manager.
    await page.getByRole('searchbox', { name: 'Поиск сделок' }).fill('Заявка');
    await page.waitForURL(/q=/);
    await column(page, working).getByText('Нет сделок').waitFor();
    expect(await page.getByText('Заявка с сайта').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Поиск сделок' }).fill('');
    await card(page, 'Ирина Соколова').waitFor();
    await screenshot(page, 'rights-board-manager');
  });

  it('refuses a drag into a stage only the robot may fill, and the card stays', async () => {
    const { page } = managerTab;
    await dragTo(page, card(page, 'Ирина Соколова'), column(page, robotOnly));
    await page.getByText('У вас нет права переносить эту сделку').waitFor();
    expect(
      await column(page, working).locator('[data-deal-id]').filter({ hasText: 'Ирина Соколова' }).count(),
    ).toBe(1);
    expect(await statusOf(ids['Ирина Соколова'] ?? 0)).toBe(working);
  });

  it('asks for the required field in a modal, then moves the deal', async () => {
    const { page } = managerTab;
    await dragTo(page, card(page, 'Ирина Соколова'), column(page, needsGender));
    const dialog = page.getByRole('dialog', { name: 'Обязательные поля' });
    await dialog.waitFor();
    await screenshot(page, 'rights-required-fields');
    await dialog.getByLabel('Пол').fill('ж');
    await dialog.getByRole('button', { name: 'Сохранить и переместить' }).click();
    await column(page, needsGender).locator('[data-deal-id]').filter({ hasText: 'Ирина Соколова' }).waitFor();
    await expect.poll(() => statusOf(ids['Ирина Соколова'] ?? 0)).toBe(needsGender);
  });

  it('the server refuses the same move from another client, and the refusal is audited', async () => {
    const { page } = managerTab;
    const status = await page.evaluate(
      async ([id, stageId]) => {
        const session = (await (await fetch('/api/app/session')).json()) as { csrfToken: string };
        const res = await fetch(`/api/v4/leads/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ status_id: stageId }),
        });
        return res.status;
      },
      [ids['Ирина Соколова'] ?? 0, robotOnly],
    );
    expect(status).toBe(403);
    expect(await statusOf(ids['Ирина Соколова'] ?? 0)).toBe(needsGender);

    const audit = adminTab.page;
    await audit.goto(new URL('/settings', server.url).href);
    await audit.getByRole('link', { name: /Журнал/ }).click();
    await audit.getByRole('heading', { name: 'Журнал действий', level: 1 }).waitFor();
    await audit.getByLabel('Только отказы в доступе').check();
    const row = audit.getByRole('row').filter({ hasText: manager.name });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('Отказано');
    await row
      .first()
      .getByRole('link', { name: `Сделка #${ids['Ирина Соколова']}` })
      .waitFor();
    // Period filter: nothing was refused yesterday.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await audit.getByLabel('По', { exact: true }).fill(yesterday);
    await audit.getByText('Нет записей по этому фильтру').waitFor();
    await screenshot(audit, 'rights-audit');
    expect(managerTab.consoleErrors).toEqual([]);
    expect(adminTab.consoleErrors).toEqual([]);
  });
});
