import type { APIRequestContext, Browser, Page } from 'playwright-core';
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
import { dragTo } from './dnd-helpers';

const admin = {
  accountName: 'Школа «Старт»',
  name: 'Мария Лебедева',
  email: 'maria@start.test',
  password: 'correct horse battery',
  locale: 'ru',
};

const pipelineSchema = z.object({
  _embedded: z.object({
    pipelines: z.array(
      z.object({
        id: z.number(),
        is_main: z.boolean(),
        _embedded: z.object({
          statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.number() })),
        }),
      }),
    ),
  }),
});
const leadSchema = z.object({
  id: z.number(),
  status_id: z.number(),
  loss_reason_id: z.number().nullable().optional(),
});

/** Whitespace-insensitive text (Intl puts narrow no-break spaces into money). */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('deals board', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let request: APIRequestContext;
  let csrf = '';
  let pipelineId = 0;
  let stages: { id: number; name: string; type: number }[] = [];
  /** The board's own id of the lost stage (the v4 API calls every lost stage 143). */
  let lostStageId = 0;
  const ids: Record<string, number> = {};

  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown) => {
    const res = await request.fetch(new URL(path, server.url).href, {
      method,
      headers: { 'X-CSRF-Token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return res.status() === 204 ? null : ((await res.json()) as unknown);
  };
  const createDeal = async (body: Record<string, unknown>) => {
    const out = z
      .object({ _embedded: z.object({ leads: z.array(z.object({ id: z.number() })) }) })
      .parse(await api('POST', '/api/v4/leads', [body]));
    return out._embedded.leads[0]?.id ?? 0;
  };
  const lead = async (id: number) => leadSchema.parse(await api('GET', `/api/v4/leads/${id}`));
  const openStages = () => stages.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143);
  const column = (page: Page, stageId: number) => page.locator(`[data-stage-id="${stageId}"]`);
  const card = (page: Page, name: string) => page.locator('[data-deal-id]').filter({ hasText: name });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tab = await openPage(browser, {
      locale: 'ru-RU',
      // Wide enough for every column of the default pipeline, so drags need no auto-scroll.
      viewport: { width: 1920, height: 1000 },
      expectedFailures: [...AUTH_PROBE_FAILURES, { path: '/api/app/deals/0/move', status: 400 }],
    });
    request = tab.context.request;
    const setup = await request.post(new URL('/api/app/setup', server.url).href, { data: admin });
    csrf = z.object({ csrfToken: z.string() }).parse(await setup.json()).csrfToken;
    const main = pipelineSchema
      .parse(await api('GET', '/api/v4/leads/pipelines'))
      ._embedded.pipelines.find((p) => p.is_main);
    if (!main) throw new Error('no main pipeline');
    pipelineId = main.id;
    stages = main._embedded.statuses;
    const board = z
      .object({ stages: z.array(z.object({ stage: z.object({ id: z.number(), kind: z.string() }) })) })
      .parse(await api('GET', '/api/app/board'));
    lostStageId = board.stages.find((s) => s.stage.kind === 'lost')?.stage.id ?? 0;
    const [first, second] = openStages();
    ids.alpha = await createDeal({ name: 'Курс «Английский»', price: 12000, status_id: first?.id });
    ids.beta = await createDeal({ name: 'Курс «Python»', price: 30000, status_id: first?.id });
    ids.gamma = await createDeal({ name: 'Курс «Дизайн»', price: 8000, status_id: second?.id });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a column per stage with its deal count and budget sum', async () => {
    const { page } = tab;
    await page.goto(new URL('/deals', server.url).href);
    const [first, second] = openStages();
    const firstColumn = column(page, first?.id ?? 0);
    await card(page, 'Курс «Python»').waitFor();
    const totals = squash(await firstColumn.getByTestId('column-totals').innerText());
    expect(totals).toContain('2сделки');
    expect(totals).toContain('42000');
    expect(
      squash(
        await column(page, second?.id ?? 0)
          .getByTestId('column-totals')
          .innerText(),
      ),
    ).toContain('8000');
    // Cards show the closest task state: none yet.
    await card(page, 'Курс «Python»').getByText('Нет задач').waitFor();
    // Won and lost come last, folded.
    const lost = stages.find((s) => s.id === 143);
    await page.getByRole('button', { name: `Развернуть «${lost?.name}»` }).waitFor();
    await screenshot(page, 'board');
    expect(tab.consoleErrors).toEqual([]);
  });

  it('drags a deal to another stage, and the move persists', async () => {
    const { page } = tab;
    const [, second] = openStages();
    await dragTo(page, card(page, 'Курс «Английский»'), column(page, second?.id ?? 0));
    await column(page, second?.id ?? 0)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Курс «Английский»' })
      .waitFor();
    await expect.poll(async () => (await lead(ids.alpha ?? 0)).status_id).toBe(second?.id);
    await page.reload();
    await column(page, second?.id ?? 0)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Курс «Английский»' })
      .waitFor();
    expect(
      squash(
        await column(page, second?.id ?? 0)
          .getByTestId('column-totals')
          .innerText(),
      ),
    ).toContain('20000');
  });

  it('asks for the loss reason when a deal is dropped on "lost"', async () => {
    const { page } = tab;
    const created = z
      .object({ _embedded: z.object({ loss_reasons: z.array(z.object({ id: z.number() })) }) })
      .parse(await api('POST', '/api/v4/leads/loss_reasons', [{ name: 'Нашёл курс дешевле' }]));
    const reasonId = created._embedded.loss_reasons[0]?.id;
    await page.reload();
    await dragTo(page, card(page, 'Курс «Дизайн»'), column(page, lostStageId));
    const dialog = page.getByRole('dialog', { name: 'Закрыть как проигранную' });
    await dialog.waitFor();
    await dialog.getByLabel('Причина отказа').click();
    await page.getByRole('option', { name: 'Нашёл курс дешевле', exact: true }).click();
    await dialog.getByRole('button', { name: 'Закрыть как проигранную' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await lead(ids.gamma ?? 0)).status_id).toBe(143);
    expect((await lead(ids.gamma ?? 0)).loss_reason_id).toBe(reasonId);
  });

  it('rolls a refused move back and says why', async () => {
    const { page } = tab;
    const created = z
      .object({ _embedded: z.object({ loss_reasons: z.array(z.object({ id: z.number() })) }) })
      .parse(await api('POST', '/api/v4/leads/loss_reasons', [{ name: 'Передумал' }]));
    const reasonId = created._embedded.loss_reasons[0]?.id ?? 0;
    await page.reload();
    const [first] = openStages();
    await dragTo(page, card(page, 'Курс «Python»'), column(page, lostStageId));
    const dialog = page.getByRole('dialog', { name: 'Закрыть как проигранную' });
    await dialog.waitFor();
    await dialog.getByLabel('Причина отказа').click();
    await page.getByRole('option', { name: 'Передумал', exact: true }).click();
    // Meanwhile an administrator deletes that reason: the server refuses the move.
    await api('DELETE', `/api/v4/leads/loss_reasons/${reasonId}`);
    await dialog.getByRole('button', { name: 'Закрыть как проигранную' }).click();
    await page.getByText('«Курс «Python»» не перемещена').waitFor();
    await page.getByText(`Причина отказа ${reasonId} не найдена`).waitFor();
    await column(page, first?.id ?? 0)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Курс «Python»' })
      .waitFor();
    expect((await lead(ids.beta ?? 0)).status_id).toBe(first?.id);
    await screenshot(page, 'board-refused-move');
  });

  it('quick-adds a deal with a contact and phone at the top of a column', async () => {
    const { page } = tab;
    const [first] = openStages();
    const col = column(page, first?.id ?? 0);
    await col.getByRole('button', { name: /Быстро добавить сделку/ }).click();
    const form = col.getByRole('form', { name: 'Новая сделка' });
    await form.getByLabel('Название сделки').fill('Курс «Excel»');
    await form.getByLabel('Бюджет').fill('5000');
    await form.getByLabel('Имя контакта').fill('Ирина Петрова');
    await form.getByLabel('Телефон').fill('+7 912 000-11-22');
    await form.getByRole('button', { name: 'Добавить' }).click();
    const added = col.locator('[data-deal-id]').first();
    await expect.poll(() => added.innerText()).toContain('Курс «Excel»');
    expect(await added.innerText()).toContain('Ирина Петрова');
    const found = z
      .object({ _embedded: z.object({ leads: z.array(z.object({ name: z.string() })) }) })
      .parse(await api('GET', '/api/v4/leads?query=' + encodeURIComponent('79120001122')));
    expect(found._embedded.leads.map((l) => l.name)).toContain('Курс «Excel»');
  });

  it('keeps the filter in the URL across a reload', async () => {
    const { page } = tab;
    await page.getByRole('searchbox', { name: 'Поиск сделок' }).fill('excel');
    await page.waitForURL(/q=excel/);
    await expect.poll(() => page.locator('[data-deal-id]').count()).toBe(1);
    await page.reload();
    await card(page, 'Курс «Excel»').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Поиск сделок' }).inputValue()).toBe('excel');
    expect(await page.locator('[data-deal-id]').count()).toBe(1);
    await page.goto(new URL('/deals', server.url).href);
    await card(page, 'Курс «Английский»').waitFor();
  });

  it('shows a deal created through the API without a reload', async () => {
    const { page } = tab;
    const [first] = openStages();
    await card(page, 'Курс «Английский»').waitFor();
    const before = squash(
      await column(page, first?.id ?? 0)
        .getByTestId('column-totals')
        .innerText(),
    );
    await createDeal({ name: 'Заявка с сайта', price: 700, status_id: first?.id, pipeline_id: pipelineId });
    await column(page, first?.id ?? 0)
      .locator('[data-deal-id]')
      .filter({ hasText: 'Заявка с сайта' })
      .waitFor({ timeout: 3000 });
    expect(
      squash(
        await column(page, first?.id ?? 0)
          .getByTestId('column-totals')
          .innerText(),
      ),
    ).not.toBe(before);
    expect(tab.consoleErrors.filter((e) => !e.includes('/move'))).toEqual([]);
  });
});
