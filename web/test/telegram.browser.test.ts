import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../server/src/integrations/telegram/fake-bot-api.ts';
import {
  launchBrowser,
  openPage,
  screenshot,
  setupAdminViaApi,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers';

const admin = {
  accountName: 'Магазин «Пряжа»',
  name: 'Ольга Мельник',
  email: 'olga@pryazha.test',
  password: 'correct horse battery',
};

describe('Telegram chats in the inbox and the deal card', () => {
  let fake: FakeBotApi;
  let server: TestServer;
  let browser: Browser;
  let manager: TestPage;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    server = await startTestServer({ TELEGRAM_API_URL: fake.url, TELEGRAM_POLL_TIMEOUT: '1' });
    browser = await launchBrowser();
    manager = await openPage(browser, { locale: 'ru-RU' });
    await setupAdminViaApi(manager.context, server.url, { ...admin, locale: 'ru' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  it('connects a bot, takes a first message into the inbox, and the manager replies from the deal card', async () => {
    const { page } = manager;
    const token = fake.addBot({ id: 424242, username: 'pryazha_bot', first_name: 'Пряжа' });

    await page.goto(new URL('/settings', server.url).href);
    await page.getByRole('link', { name: /Мессенджеры/ }).click();
    await page.getByRole('heading', { name: 'Мессенджеры', level: 1 }).waitFor();
    // Without PUBLIC_URL the webhook mode is offered but disabled: long polling is chosen.
    expect(await page.getByLabel(/Webhook/).isDisabled()).toBe(true);
    await page.getByLabel('Токен бота').fill(token);
    await page.getByRole('button', { name: 'Подключить бота' }).click();
    const status = page.getByTestId('telegram-status');
    await status.getByText('@pryazha_bot').waitFor();
    await status.getByText('424242:…').waitFor();
    expect(await page.content()).not.toContain(token);
    await screenshot(page, 'telegram-settings');

    fake.userWrites(
      token,
      { id: 9001, first_name: 'Марина', last_name: 'Коваль', username: 'marina_k' },
      'Есть <b>меринос</b>? <img src=x onerror=alert(1)>',
    );
    await page.goto(new URL('/inbox', server.url).href);
    const entry = page.getByTestId('inbox-entry').first();
    await entry.getByText('Есть <b>меринос</b>? <img src=x onerror=alert(1)>').waitFor({ timeout: 15_000 });
    await entry.getByText('@marina_k').waitFor();
    await entry.getByTestId('inbox-contact-name').getByText('Марина Коваль').waitFor();
    expect(await page.locator('b', { hasText: 'меринос' }).count()).toBe(0);
    await entry.getByTestId('inbox-accept').click();
    await page.getByText('Здесь нет заявок').waitFor();

    const accepted = await manager.context.request.get(
      new URL('/api/app/inbox?status=accepted', server.url).href,
    );
    const body = (await accepted.json()) as { items: Array<{ deal: { id: number } | null }> };
    const dealId = body.items[0]?.deal?.id;
    expect(dealId).toBeGreaterThan(0);

    await page.goto(new URL(`/deals/${dealId}`, server.url).href);
    const feed = page.getByRole('feed');
    const incoming = feed.locator('[data-kind="message"][data-direction="in"]');
    await incoming.getByText('Есть <b>меринос</b>? <img src=x onerror=alert(1)>').waitFor();
    await incoming.getByText(/Марина Коваль \(@marina_k\)/).waitFor();

    await page.getByRole('tab', { name: 'Сообщение' }).click();
    await page.getByLabel('Сообщение клиенту').fill('Да, меринос есть: 12 цветов.');
    await page.getByRole('button', { name: 'Отправить' }).click();
    const outgoing = feed.locator('[data-kind="message"][data-direction="out"]');
    await outgoing.getByText('Да, меринос есть: 12 цветов.').waitFor();
    await feed
      .locator('[data-kind="message"][data-direction="out"][data-status="sent"]')
      .getByText('Да, меринос есть: 12 цветов.')
      .waitFor({ timeout: 15_000 });
    expect(fake.sent).toContainEqual(
      expect.objectContaining({ chat_id: '9001', text: 'Да, меринос есть: 12 цветов.' }),
    );
    await outgoing.getByText('отправлено').waitFor();
    await screenshot(page, 'telegram-deal-card');
    expect(manager.consoleErrors).toEqual([]);
  });
});
