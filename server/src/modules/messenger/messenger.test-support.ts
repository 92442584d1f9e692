import { startFakeBotApi, type FakeBotApi } from '../../integrations/telegram/fake-bot-api.ts';
import { buildAutomationApp, type AutomationTestApp } from '../automation/automation.test-support.ts';
import type { Client } from '../deals/deals.test-support.ts';
import { configureMessenger } from './send-message.job.ts';
import { startMessenger } from './start-messenger.ts';

export type MessengerTestApp = AutomationTestApp & {
  fake: FakeBotApi;
  /** Stops the messenger worker and poller and starts fresh ones: a process restart. */
  restartMessenger: () => Promise<void>;
};

const silent = { warn: () => {}, error: () => {} };

/** The real app, job queue and automation, the messenger worker and poller, and a fake Bot API. */
export async function buildMessengerApp(): Promise<MessengerTestApp> {
  configureMessenger({ retryLimit: 3, retryDelayMs: 200 });
  const fake = await startFakeBotApi();
  const t = await buildAutomationApp({ TELEGRAM_API_URL: fake.url, TELEGRAM_POLL_TIMEOUT: '1' });
  const start = () =>
    startMessenger(
      {
        db: t.database.db,
        queue: t.queue,
        telegramApiUrl: fake.url,
        telegramPollTimeout: 1,
        secretKey: t.config.secretKey,
        log: silent,
      },
      { scanIntervalMs: 100, backoffMs: 200 },
    );
  let messenger = await start();
  t.app.deps.onMessengerChanged = () => messenger.wake();
  const close = t.close;
  return Object.assign(t, {
    fake,
    restartMessenger: async () => {
      await messenger.stop();
      await t.restart(); // a new job queue, as after a process restart
      messenger = await start();
    },
    close: async () => {
      await messenger.stop();
      await close();
      await fake.close();
    },
  });
}

/** Connects a fake bot to the client's account in the given mode. */
export async function connectBot(client: Client, token: string, mode: 'webhook' | 'polling') {
  const res = await client.call('PUT', '/api/app/messenger/telegram', { token, mode });
  if (res.statusCode !== 200) throw new Error(`connect failed: ${res.body}`);
  return res.json<{ bot: { username: string }; token_hint: string }>();
}
