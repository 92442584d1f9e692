import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../server/src/modules/automation/test-peers.ts';
import { createdId, embedded, fieldValues, prop, setupWithApi, type Api } from './crm-helpers';
import {
  addTrigger,
  CHOICE,
  CLARIFY,
  COLLECT,
  DELIVERY,
  FUNNEL,
  ORDER,
  PAYMENT,
  STAGES,
  storedTrigger,
} from './furniture-funnel';
import {
  launchBrowser,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';
import { dialogNamed } from './settings-helpers';

/**
 * Seed 002, the furniture store "X" funnel, set up by an administrator in the browser (fields,
 * pipeline, outgoing email, every trigger in the digital pipeline editor) and driven from the first
 * contact to delivery: the client answers the questionnaire on its public page and clicks the link
 * in the offer email; delayed emails are made due by the test's clock; the manager moves the deal
 * on in the deal card. The API version is server/src/modules/automation/furniture-store.int.test.ts.
 */
const admin = {
  accountName: 'Мебель Х',
  name: 'Марина Менеджерова',
  email: 'marina@mebel.test',
  password: 'correct horse battery',
  locale: 'ru' as const,
};

/** A free port, so PUBLIC_URL (questionnaire and tracked links) can name the server itself. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

type Run = { id: number; trigger_id: number; stage_id: number; status: string; scheduled_at: number };
const isRun = (v: unknown): v is Run =>
  typeof prop(v, 'id') === 'number' && typeof prop(v, 'status') === 'string';

describe('seed 002 in the browser: the furniture store funnel', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: TestPage;
  let client: TestPage;
  let page: Page;
  let api: Api;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let pipelineId = 0;
  const stage: Record<string, number> = {};
  const field: Record<string, number> = {};
  const triggerId: Record<string, number> = {};
  let dealId = 0;

  const deal = () => api.get(`/api/v4/leads/${dealId}`);
  const runs = async (): Promise<Run[]> => {
    const log = await api.get(`/api/app/pipelines/${pipelineId}/automation-runs?deal_id=${dealId}&limit=200`);
    const items = prop(log, 'items');
    return Array.isArray(items) ? items.filter(isRun) : [];
  };
  const runOf = async (name: string) => (await runs()).find((r) => r.trigger_id === triggerId[name]);
  const taskTexts = async () =>
    embedded(await api.get('/api/v4/tasks?limit=250'), 'tasks')
      .filter((x) => x.entity_id === dealId)
      .map((x) => String(x.text));
  const subjects = () => smtp.mails.filter((m) => m.to.includes('olga@client.test')).map((m) => m.subject);
  const mail = async (subject: string) => {
    await expect.poll(subjects, { timeout: 15_000 }).toContain(subject);
    const found = smtp.mails.find((m) => m.subject === subject);
    if (!found) throw new Error(`no email «${subject}»`);
    return found;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const port = await freePort();
    server = await startTestServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    browser = await launchBrowser();
    tab = await openPage(browser, { locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    client = await openPage(browser, { locale: 'ru-RU' });
    page = tab.page;
    api = await setupWithApi(tab.context, server.url, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('sets up the deal fields, the pipeline and outgoing email in the settings', async () => {
    await page.goto(new URL('/settings', server.url).href);
    await page.getByRole('main').getByRole('link', { name: /Поля/ }).click();
    await page.getByRole('heading', { name: 'Поля', level: 1 }).waitFor();
    for (const [name, type] of [
      ['Ссылка на анкету', 'Ссылка'],
      ['Пожелания', 'Текстовая область'],
    ] as const) {
      await page.getByRole('button', { name: 'Добавить поле' }).click();
      const dialog = await dialogNamed(page, 'Новое поле');
      await dialog.getByLabel(/^Название/).fill(name);
      await dialog.getByLabel('Тип', { exact: true }).click();
      await page.getByRole('option', { name: type, exact: true }).click();
      await dialog.getByRole('button', { name: 'Создать поле' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('listitem', { name }).waitFor();
    }
    for (const f of embedded(await api.get('/api/v4/leads/custom_fields'), 'custom_fields'))
      field[String(f.name)] = Number(f.id);
    const types = embedded(await api.get('/api/v4/leads/custom_fields'), 'custom_fields').map((f) => [
      f.name,
      f.type,
    ]);
    expect(types).toEqual([
      ['Ссылка на анкету', 'url'],
      ['Пожелания', 'textarea'],
    ]);

    await page.goto(new URL('/settings', server.url).href);
    await page
      .getByRole('main')
      .getByRole('link', { name: /Воронки и этапы/ })
      .click();
    await page.getByRole('button', { name: 'Добавить воронку' }).click();
    const dialog = await dialogNamed(page, 'Новая воронка');
    await dialog.getByLabel(/^Название/).fill('Мебель Х');
    await dialog.getByLabel(/^Этапы/).fill(STAGES.join('\n'));
    await dialog.getByRole('button', { name: 'Создать воронку' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Мебель Х' }).getByRole('listitem', { name: DELIVERY }).waitFor();
    const pipeline = embedded(await api.get('/api/v4/leads/pipelines'), 'pipelines').find(
      (p) => p.name === 'Мебель Х',
    );
    pipelineId = Number(prop(pipeline, 'id'));
    for (const s of embedded(pipeline, 'statuses')) stage[String(s.name)] = Number(s.id);
    expect(STAGES.every((name) => (stage[name] ?? 0) > 0)).toBe(true);

    await page.goto(new URL('/settings/automation', server.url).href);
    const smtpBox = page.getByRole('region', { name: 'Исходящая почта (SMTP)' });
    await smtpBox.getByRole('switch', { name: 'Исходящая почта (SMTP)' }).click({ force: true });
    await smtpBox.getByLabel('SMTP-сервер').fill('127.0.0.1');
    await smtpBox.getByRole('textbox', { name: 'Порт' }).fill(String(smtp.port));
    await smtpBox.getByRole('textbox', { name: 'Отправитель' }).fill('Мебель Х <shop@mebel.test>');
    await page.getByRole('button', { name: 'Сохранить настройки' }).click();
    await page.getByText('Настройки сохранены').waitFor();
    expect(prop(await api.get('/api/app/automation/settings'), 'smtp')).toMatchObject({
      host: '127.0.0.1',
      port: smtp.port,
    });
    expect(tab.consoleErrors).toEqual([]);
  });

  it('adds every trigger of the seed in the digital pipeline editor, stored as configured', async () => {
    await page.goto(new URL('/settings/automation', server.url).href);
    await page.getByRole('main').getByRole('link', { name: 'Мебель Х' }).click();
    await page.waitForURL(`**/settings/pipelines/${pipelineId}/automation`);
    await page.getByRole('heading', { name: 'Цифровая воронка: Мебель Х', level: 1 }).waitFor();

    for (const spec of FUNNEL) await addTrigger(page, spec);

    // The cards say what each trigger does, when, and after how long, in the stage's column.
    const choice = page.getByRole('region', { name: CHOICE, exact: true });
    for (const text of [
      'Отправить письмо · Перешла в этап · Сразу',
      'Отправить письмо · Перешла в этап · через 1 день',
      'Отправить письмо · Перешла в этап · через 3 дня',
      'Отправить письмо · Перешла в этап · через 7 дней',
      'Создать задачу · Перешла в этап · через 7 дней',
    ])
      await choice.getByText(text, { exact: true }).waitFor();
    await page
      .getByRole('region', { name: CLARIFY, exact: true })
      .getByText('Сменить этап · Переход по ссылке из письма · Сразу', { exact: true })
      .waitFor();
    await screenshot(page, 'furniture-store-digital-pipeline');

    const stored = await api.get(`/api/app/pipelines/${pipelineId}/triggers`);
    if (!Array.isArray(stored)) throw new Error('triggers are not a list');
    expect(stored).toHaveLength(FUNNEL.length);
    for (const spec of FUNNEL) {
      const found: unknown = stored.find((x) => prop(x, 'name') === spec.name);
      triggerId[spec.name] = Number(prop(found, 'id'));
      expect(found, spec.name).toMatchObject(storedTrigger(spec, stage, field));
    }
    expect(tab.consoleErrors).toEqual([]);
  }, 240_000);

  it('gives a new client the questionnaire; the answers fill the deal and move it on', async () => {
    const emailField = embedded(await api.get('/api/v4/contacts/custom_fields'), 'custom_fields').find(
      (f) => f.code === 'EMAIL',
    );
    const contactId = createdId(
      await api.post('/api/v4/contacts', [
        {
          name: 'Ольга Смирнова',
          first_name: 'Ольга',
          custom_fields_values: [
            { field_id: Number(emailField?.id), values: [{ value: 'olga@client.test' }] },
          ],
        },
      ]),
      'contacts',
    );
    dealId = createdId(
      await api.post('/api/v4/leads', [
        {
          name: 'Диван для гостиной',
          price: 85000,
          pipeline_id: pipelineId,
          status_id: stage[COLLECT],
          _embedded: { contacts: [{ id: contactId }] },
        },
      ]),
      'leads',
    );
    await expect
      .poll(async () => fieldValues(await deal(), field['Ссылка на анкету'] ?? 0)[0]?.value, {
        timeout: 15_000,
      })
      .toMatch(new RegExp(`^${server.url}/q/`));
    const link = String(fieldValues(await deal(), field['Ссылка на анкету'] ?? 0)[0]?.value);
    await expect.poll(taskTexts, { timeout: 15_000 }).toContain('Отправить клиенту ссылку на анкету');
    // The reminder to call waits two days for an answer.
    await expect
      .poll(async () => (await runOf('Анкета не заполнена: позвонить клиенту'))?.status)
      .toBe('scheduled');

    // The manager sees the link in the deal card.
    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Ссылка на анкету', exact: true }).inputValue())
      .toBe(link);

    // The client opens the link (no session) and answers.
    const form = client.page;
    await form.goto(link);
    await form.getByRole('heading', { name: 'Анкета покупателя' }).waitFor();
    await form.getByLabel('Какой диван вы ищете?').fill('Угловой, серый велюр');
    await form.getByLabel('Бюджет').fill('до 90 000');
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form.getByRole('heading', { name: 'Спасибо! Ответы получены.' }).waitFor();

    await expect.poll(async () => prop(await deal(), 'status_id'), { timeout: 15_000 }).toBe(stage[CLARIFY]);
    expect(fieldValues(await deal(), field['Пожелания'] ?? 0)[0]?.value).toBe('Угловой, серый велюр');
    // Leaving the stage cancelled the reminder: it never becomes a task.
    await expect
      .poll(async () => (await runOf('Анкета не заполнена: позвонить клиенту'))?.status)
      .toBe('cancelled');
    await expect.poll(taskTexts).toContain('Выяснить особенности конструкции');
    await page.getByRole('textbox', { name: 'Пожелания', exact: true }).waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Пожелания', exact: true }).inputValue())
      .toBe('Угловой, серый велюр');
    expect(client.consoleErrors).toEqual([]);
  });

  it('moves the deal on when the client clicks the link in the offer email', async () => {
    const offer = await mail('Диваны разных ценовых сегментов');
    expect(offer.html).toContain('Здравствуйте, Ольга!');
    expect((await runOf('Клиент не перешёл по ссылке: связаться'))?.status).toBe('scheduled');

    // The client reads the email and clicks «Каталог»: the tracked redirect leads to the shop.
    const reader = client.page;
    await reader.route('https://mebel.test/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<h1>Каталог диванов</h1>' }),
    );
    await reader.setContent(offer.html);
    await reader.getByRole('link', { name: 'Каталог' }).click();
    await reader.getByRole('heading', { name: 'Каталог диванов' }).waitFor();
    expect(reader.url()).toBe('https://mebel.test/catalog');

    await expect.poll(async () => prop(await deal(), 'status_id'), { timeout: 15_000 }).toBe(stage[CHOICE]);
    await mail('Статьи о нашей мебели');
    await expect
      .poll(async () => (await runOf('Клиент не перешёл по ссылке: связаться'))?.status)
      .toBe('cancelled');
    expect(client.consoleErrors).toEqual([]);
  });

  it('sends the nurture emails 1, 3 and 7 days after the deal entered the stage', async () => {
    const delayed = [
      'Новинки в салонах',
      'Отзывы покупателей',
      'Скидки для вас',
      'Позвонить для обратной связи',
    ];
    await expect
      .poll(async () => {
        const all = await runs();
        return delayed.map((name) => all.find((r) => r.trigger_id === triggerId[name])?.status);
      })
      .toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    const entered = (await runOf('Статьи о нашей мебели'))?.scheduled_at ?? 0;
    const due = await Promise.all(delayed.map(async (name) => (await runOf(name))?.scheduled_at ?? 0));
    expect(due.map((at) => Math.round((at - entered) / 86_400))).toEqual([1, 3, 7, 7]);

    // The run log on the digital pipeline screen shows them waiting, each at its time.
    await page.goto(new URL(`/settings/pipelines/${pipelineId}/automation`, server.url).href);
    const log = page.getByRole('table', { name: 'Журнал запусков' });
    await expect
      .poll(() =>
        log
          .getByRole('row')
          .filter({ hasText: 'Запланирован' })
          .filter({ hasText: 'Диван для гостиной' })
          .count(),
      )
      .toBe(4);
    const card = page
      .getByRole('region', { name: CHOICE, exact: true })
      .locator(`[data-trigger="${triggerId['Скидки для вас']}"]`);
    await card.getByText('ждёт 1').waitFor();
    await card.getByRole('button', { name: 'Запуски' }).click();
    await page.getByRole('heading', { name: 'Журнал: Скидки для вас' }).waitFor();
    const row = log.getByRole('row').filter({ hasText: 'Диван для гостиной' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText(new Date((due[2] ?? 0) * 1000).toLocaleString('ru-RU')).waitFor();

    // The clock moves on: each day's run comes due in turn.
    for (const name of delayed) {
      const run = await runOf(name);
      if (!run) throw new Error(`no run of «${name}»`);
      await server.makeRunDue(run.id);
      await expect.poll(async () => (await runOf(name))?.status, { timeout: 15_000 }).toBe('done');
    }
    expect(subjects().filter((s) => delayed.includes(s))).toEqual([
      'Новинки в салонах',
      'Отзывы покупателей',
      'Скидки для вас',
    ]);
    const texts = await taskTexts();
    expect(texts).toContain('Позвонить для обратной связи');
    expect(texts).not.toContain('Клиент не перешёл по ссылке: связаться');
    await row.getByText('Выполнен').first().waitFor({ timeout: 10_000 });
    expect(tab.consoleErrors).toEqual([]);
  });

  it('takes the deal through the contract, payment and delivery moved on in the deal card', async () => {
    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    const moveTo = async (name: string) => {
      await page.getByRole('button', { name: `Перевести на этап «${name}»` }).click();
      await expect.poll(async () => prop(await deal(), 'status_id')).toBe(stage[name]);
    };

    await moveTo(ORDER);
    expect((await mail('Договор на Диван для гостиной')).html).toContain('Договор во вложении, Ольга.');
    await expect.poll(taskTexts).toContain('Оформить и подписать договор');

    await moveTo(PAYMENT);
    expect((await mail('Спасибо за доверие')).html).toContain('Напоминаем об оплате 85000 ₽.');
    await expect.poll(taskTexts).toContain('Проконтролировать оплату и отгрузку');

    await moveTo(DELIVERY);
    await mail('Оплата получена, доставка скоро');
    await expect.poll(taskTexts).toContain('Проверить сроки доставки');
    await expect.poll(async () => (await runOf('Как ухаживать за мебелью'))?.status).toBe('scheduled');
    const care = await runOf('Как ухаживать за мебелью');
    if (!care) throw new Error('no care email run');
    expect(Math.round((care.scheduled_at - Date.now() / 1000) / 86_400)).toBe(1);
    await server.makeRunDue(care.id);
    await mail('Как ухаживать за мебелью');
    // The robot's actions are in the deal's feed.
    await page
      .locator('[data-kind="robot"][data-status="done"]')
      .filter({ hasText: 'Как ухаживать за мебелью' })
      .first()
      .waitFor();
    // The feed's «Робот» filter leaves only the robot's lines.
    await page
      .getByRole('radiogroup', { name: 'Что показывать в истории' })
      .getByText('Робот', { exact: true })
      .click();
    await expect
      .poll(() => page.locator('[data-kind="event"], [data-kind="task"], [data-kind="mail"]').count())
      .toBe(0);
    expect(await page.locator('[data-kind="robot"]').count()).toBeGreaterThan(5);

    const all = await runs();
    expect(all.filter((r) => r.status === 'failed')).toEqual([]);
    expect(subjects()).toHaveLength(9);
    expect(await taskTexts()).not.toContain('Анкета не заполнена: позвонить клиенту');
    await screenshot(page, 'furniture-store-deal-card');
    expect(tab.consoleErrors).toEqual([]);
  });
});
