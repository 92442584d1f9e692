import type { Browser, Locator, Page } from 'playwright-core';
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

const ruleSchema = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  pipeline_id: z.number().nullable(),
  stage_id: z.number().nullable(),
  is_active: z.boolean(),
  config: z.record(z.string(), z.unknown()),
});
const rulesSchema = z.object({ rules: z.array(ruleSchema) });
const leadSchema = z.object({
  id: z.number(),
  name: z.string(),
  price: z.number(),
  status_id: z.number(),
  loss_reason_id: z.number().nullable(),
  _embedded: z.object({ contacts: z.array(z.object({ id: z.number() })).optional() }),
});

/**
 * Settings → Process rules from the administrator's side, and what the rules do on the board and
 * in the deal card: the seed 001 regulation (a budget and a phone before the invoice, a week at
 * most in a stage, "close and re-create" for reanimation).
 */
describe('process rules from the UI', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  const expected = [...AUTH_PROBE_FAILURES, { path: '/api/app/process-rules', status: 400 }];
  let api: Api;
  let pipelineId = 0;
  const stage: { id: number; name: string }[] = [];
  const ids: Record<string, number> = {};

  const rules = async () => rulesSchema.parse(await api.get('/api/app/process-rules')).rules;
  const lead = async (id: number) => leadSchema.parse(await api.get(`/api/v4/leads/${id}?with=contacts`));
  const column = (page: Page, stageId: number) => page.locator(`[data-stage-id="${stageId}"]`);
  const card = (page: Page, name: string) => page.locator('[data-deal-id]').filter({ hasText: name });
  const pick = async (page: Page, scope: Locator, label: RegExp, option: string) => {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, { viewport: { width: 1920, height: 1000 }, expectedFailures: expected });
    api = await setupWithApi(tab.context, server.url, admin);
    const main = embedded(await api.get('/api/v4/leads/pipelines'), 'pipelines').find((p) => p.is_main);
    const statuses = z
      .array(z.object({ id: z.number(), name: z.string(), type: z.number() }))
      .parse((main?._embedded as { statuses?: unknown } | undefined)?.statuses);
    pipelineId = Number(main?.id);
    stage.push(...statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143));
    if (stage.length < 3) throw new Error('the default pipeline needs three open stages');
    ids.reason = createdId(
      await api.post('/api/v4/leads/loss_reasons', [{ name: 'Ушёл к конкуренту в реанимации' }]),
      'loss_reasons',
    );
    for (const [name, status, price] of [
      ['Ирина Соколова', 0, 0],
      ['Зависшая заявка', 0, 0],
      ['Давний клиент', 1, 900],
    ] as const)
      ids[name] = createdId(
        await api.post('/api/v4/leads', [
          { name, price, status_id: stage[status]?.id, pipeline_id: pipelineId },
        ]),
        'leads',
      );
    // The first drop is refused by the server (400 naming the fields): that is what opens the modal.
    expected.push({ path: `/api/app/deals/${ids['Ирина Соколова']}/move`, status: 400 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a required-fields rule, with the server’s errors next to the inputs', async () => {
    const { page } = tab;
    await page.goto(new URL('/settings', server.url).href);
    await page
      .getByRole('main')
      .getByRole('link', { name: /Правила процесса/ })
      .click();
    await page.getByRole('heading', { name: 'Правила процесса', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Добавить правило' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое правило процесса' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Название' }).fill('Счёт: бюджет и телефон');
    await dialog.getByRole('combobox', { name: /^Обязательные поля/ }).click();
    await page.getByRole('option', { name: 'Бюджет', exact: true }).click();
    await page.getByRole('option', { name: 'Телефон контакта', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Название' }).click();
    // No stage: the server refuses, and says so under the stage picker.
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Это правило задаётся для одного этапа').waitFor();
    expect(await dialog.getByRole('combobox', { name: /^Этап/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await rules()).toEqual([]);

    await pick(page, dialog, /^Этап/, stage[2]?.name ?? '');
    await screenshot(page, 'process-rules-form');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const group = page.getByTestId(`rules-pipeline-${pipelineId}`);
    await group.getByText('Обязательно: Бюджет, Телефон контакта').waitFor();
    const [rule] = await rules();
    expect(rule).toMatchObject({
      kind: 'required_fields',
      name: 'Счёт: бюджет и телефон',
      pipeline_id: pipelineId,
      stage_id: stage[2]?.id,
      is_active: true,
      config: { fields: [{ builtin: 'price' }, { builtin: 'contact_phone' }], apply_to_robot: false },
    });
  });

  it('creates a stage-limit rule with a supervisor, and switches it off and on', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Добавить правило' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое правило процесса' });
    await pick(page, dialog, /^Тип/, 'Лимит времени на этапе');
    await dialog.getByRole('textbox', { name: 'Название' }).fill('Не больше недели');
    await pick(page, dialog, /^Этап/, stage[0]?.name ?? '');
    await dialog.getByRole('textbox', { name: /^Не больше, дней/ }).fill('7');
    await dialog.getByRole('combobox', { name: /^Также уведомлять/ }).click();
    await page.getByRole('option', { name: admin.name, exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Название' }).click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Не больше 7 дн. на этапе').waitFor();
    const limit = (await rules()).find((r) => r.kind === 'stage_limit');
    const adminId = embedded(await api.get('/api/v4/users'), 'users').find(
      (u) => u.email === admin.email,
    )?.id;
    expect(limit).toMatchObject({ name: 'Не больше недели', stage_id: stage[0]?.id, is_active: true });
    expect(limit?.config).toMatchObject({ days: 7, notify_responsible: true, notify_user_ids: [adminId] });

    const toggle = page.getByRole('switch', { name: 'Правило «Не больше недели» включено' });
    await toggle.click({ force: true });
    await expect.poll(async () => (await rules()).find((r) => r.id === limit?.id)?.is_active).toBe(false);
    await toggle.click({ force: true });
    await expect.poll(async () => (await rules()).find((r) => r.id === limit?.id)?.is_active).toBe(true);
  });

  it('creates a reanimation rule with its target stage', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Добавить правило' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое правило процесса' });
    await pick(page, dialog, /^Тип/, 'Реанимация');
    await dialog.getByRole('textbox', { name: 'Название' }).fill('Реанимация');
    await pick(page, dialog, /^Пересоздать на этапе/, stage[0]?.name ?? '');
    await dialog.getByRole('textbox', { name: /^В воронке не меньше, дней/ }).fill('0');
    await dialog.getByRole('textbox', { name: /^Тег новой сделки/ }).fill('реанимация');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Через 0 дн. в воронке — пересоздать на этапе «${stage[0]?.name}»`).waitFor();
    await screenshot(page, 'process-rules-list');
    const re = (await rules()).find((r) => r.kind === 'reanimation');
    expect(re).toMatchObject({ pipeline_id: pipelineId, stage_id: null });
    expect(re?.config).toMatchObject({ min_days: 0, target_stage_id: stage[0]?.id, tag: 'реанимация' });
  });

  it('asks on the board for the budget and the contact phone the rule requires', async () => {
    const { page } = tab;
    await page.goto(new URL('/deals', server.url).href);
    await dragTo(page, card(page, 'Ирина Соколова'), column(page, stage[2]?.id ?? 0));
    const dialog = page.getByRole('dialog', { name: 'Обязательные поля' });
    await dialog.waitFor();
    await screenshot(page, 'process-rules-required-modal');
    await dialog.getByRole('textbox', { name: /^Бюджет/ }).fill('15000');
    await dialog.getByRole('textbox', { name: /^Телефон контакта/ }).fill('+7 912 345-67-89');
    await dialog.getByRole('button', { name: 'Сохранить и переместить' }).click();
    await column(page, stage[2]?.id ?? 0)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Ирина Соколова' })
      .waitFor();
    const irina = await lead(ids['Ирина Соколова'] ?? 0);
    expect(irina.status_id).toBe(stage[2]?.id);
    expect(irina.price).toBe(15000);
    expect(irina._embedded.contacts).toHaveLength(1);
  });

  it('marks a deal over its stage limit on the board and in the card', async () => {
    const { page } = tab;
    await server.backdateStageEntry(ids['Зависшая заявка'] ?? 0, 9 * 86_400);
    await page.reload();
    await card(page, 'Зависшая заявка').getByText('Дольше лимита этапа на 2 дня').waitFor();
    await page.goto(new URL(`/deals/${ids['Зависшая заявка']}`, server.url).href);
    await page
      .getByTestId('stage-overdue')
      .getByText('Сделка дольше лимита этапа (7 дн.) на 2 дня')
      .waitFor();
  });

  it('closes and re-creates a deal from its card, then opens the new deal', async () => {
    const { page } = tab;
    const oldId = ids['Давний клиент'] ?? 0;
    await page.goto(new URL(`/deals/${oldId}`, server.url).href);
    await page.getByRole('button', { name: 'Закрыть и пересоздать' }).click();
    const dialog = page.getByRole('dialog', { name: 'Закрыть и пересоздать сделку' });
    await dialog.waitFor();
    await pick(page, dialog, /^Причина отказа/, 'Ушёл к конкуренту в реанимации');
    await dialog.getByRole('button', { name: 'Закрыть и пересоздать' }).click();
    await page.waitForURL((url) => /^\/deals\/\d+$/.test(url.pathname) && url.pathname !== `/deals/${oldId}`);
    const newId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect
      .poll(async () => page.getByRole('textbox', { name: 'Название сделки' }).inputValue())
      .toBe('Давний клиент');
    await screenshot(page, 'process-rules-reanimated');
    const old = await lead(oldId);
    expect(old.status_id).toBe(143);
    expect(old.loss_reason_id).toBe(ids.reason);
    const fresh = await lead(newId);
    expect(fresh).toMatchObject({ name: 'Давний клиент', price: 900, status_id: stage[0]?.id });
    expect(tab.consoleErrors).toEqual([]);
  });
});
