import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createJobQueue } from './jobs/create-queue.ts';
import { startStageLimitSweeper } from './modules/process/stage-limits.worker.ts';
import { ensureDefaultAccount } from './modules/accounts/ensure-default-account.ts';
import { automationOptions, runBatchSizeFor } from './modules/automation/engine/options.ts';
import { startAutomation } from './modules/automation/start-automation.ts';
import { startWebhooks } from './modules/webhooks/start-webhooks.ts';
import { startMessenger } from './modules/messenger/start-messenger.ts';
import { configureMail, mailOptions } from './modules/mail/mail-runtime.ts';
import { startMail } from './modules/mail/start-mail.ts';

export type RunningServer = { app: FastifyInstance; url: string; close: () => Promise<void> };

/** config -> db -> migrations -> app -> workers -> listen. Used by `npm start` and browser tests. */
export async function startServer(
  overrides: { port?: number; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const config = loadConfig({
    ...process.env,
    ...overrides.env,
    ...(overrides.dataDir ? { VORONKA_DATA_DIR: overrides.dataDir } : {}),
    ...(overrides.port !== undefined ? { PORT: String(overrides.port) } : {}),
  });
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  await ensureDefaultAccount(database.db);
  const queue = createJobQueue(database, {
    connectionString: config.database.dialect === 'postgres' ? config.database.url : undefined,
  });
  await queue.start();
  const app = await buildApp({ config, database, queue });
  // Digital pipeline: the run worker and the event dispatcher.
  const stopAutomation = await startAutomation({
    db: database.db,
    queue,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    options: { ...automationOptions(), runBatchSize: runBatchSizeFor(database.dialect) },
    log: app.log,
  });
  // Outgoing webhooks: the event dispatcher and the delivery jobs.
  const webhooks = await startWebhooks(database.db, queue, app.log, { publicUrl: config.publicUrl });
  // Messengers: the Telegram channel, outgoing message delivery, long polling.
  const messenger = await startMessenger({
    db: database.db,
    queue,
    telegramApiUrl: config.telegramApiUrl,
    telegramPollTimeout: config.telegramPollTimeout,
    secretKey: config.secretKey,
    log: app.log,
  });
  app.deps.onMessengerChanged = messenger.wake;
  // Process rules: stage time limits are checked in the background.
  const stopStageLimits = startStageLimitSweeper(database.db, app.log);
  // Mail: IMAP sync passes (one chain per mailbox) and SMTP deliveries.
  configureMail({ pollIntervalMs: config.mailPollSeconds * 1000 });
  await startMail({
    db: database.db,
    queue,
    secretKey: config.secretKey,
    options: mailOptions(),
    log: app.log,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopStageLimits();
      await app.close(); // stops accepting, waits for in-flight requests
      await stopAutomation();
      await webhooks.stop(); // no new delivery jobs after the current dispatch pass
      await messenger.stop(); // aborts the long polls, hands the bots' leases over
      await queue.stop({ graceful: true, timeoutMs: 10_000 });
      await database.close();
    })());
  return { app, url, close };
}

async function main() {
  const server = await startServer();
  server.app.log.info(`Voronka is listening on ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info(`${signal}: shutting down`);
      server.close().then(
        () => process.exit(0),
        (err: unknown) => {
          server.app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
