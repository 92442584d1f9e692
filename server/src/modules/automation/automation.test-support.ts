import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { loadConfig, type Config } from '../../config.ts';
import { createJobQueue } from '../../jobs/create-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import {
  configureAutomation,
  automationOptions,
  runBatchSizeFor,
  type AutomationRuntime,
} from './engine/options.ts';
import { startAutomation } from './start-automation.ts';

export type AutomationTestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  queue: JobQueue;
  runtime: AutomationRuntime;
  /** Stops the worker and queue and starts fresh ones on the same database: a process restart. */
  restart: () => Promise<void>;
  close: () => Promise<void>;
};

const silent = { warn: () => {}, error: () => {} };

/**
 * The real app with a real job queue (SQLite table runner or pg-boss) and the automation worker
 * and dispatcher running, with short retry delays and polls so tests finish quickly.
 */
export async function buildAutomationApp(env: Record<string, string> = {}): Promise<AutomationTestApp> {
  configureAutomation({ retryLimit: 2, retryDelayMs: 300, pollIntervalMs: 50, httpTimeoutMs: 2000 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voronka-auto-'));
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({
      VORONKA_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: path.join(dataDir, 'no-web'),
      PUBLIC_URL: 'http://crm.test',
      ...env,
    }),
    database: database.settings,
  };
  const newQueue = async () => {
    const q = createJobQueue(database, {
      connectionString: database.settings.dialect === 'postgres' ? database.settings.url : undefined,
      logger: silent,
      pollIntervalMs: 50,
      expiryCheckIntervalMs: 1000,
    });
    await q.start();
    return q;
  };
  let queue = await newQueue();
  const runtime = (): AutomationRuntime => ({
    db: database.db,
    queue,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    options: { ...automationOptions(), runBatchSize: runBatchSizeFor(database.settings.dialect) },
    log: silent,
  });
  const app = await buildApp({ config, database, queue });
  await app.ready();
  let rt = runtime();
  let stop = await startAutomation(rt);
  const result: AutomationTestApp = {
    app,
    database,
    config,
    get queue() {
      return queue;
    },
    get runtime() {
      return rt;
    },
    restart: async () => {
      await stop();
      await queue.stop({ graceful: true, timeoutMs: 5000 });
      queue = await newQueue();
      app.deps.queue = queue;
      rt = runtime();
      stop = await startAutomation(rt);
    },
    close: async () => {
      await stop();
      await app.close();
      await queue.stop({ graceful: true, timeoutMs: 5000 });
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return result;
}

/** Polls until `check` returns a value other than undefined / false (default 15 s). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
    await delay(50);
  }
}

/** The fake clock: makes a delayed run's job due now, on either queue. */
export async function makeRunDue(
  database: Pick<TestDatabase, 'db' | 'dialect'>,
  runId: number,
): Promise<void> {
  if (database.dialect === 'postgres') {
    await sql`UPDATE pgboss.job SET start_after = now()
      WHERE name = 'automation.run' AND state < 'active' AND (data->'payload'->>'runId')::int = ${runId}`.execute(
      database.db,
    );
  } else {
    await sql`UPDATE jobs SET run_at = 0 WHERE name = 'automation.run' AND state IN ('created', 'retry')
      AND json_extract(data, '$.runId') = ${runId}`.execute(database.db);
  }
}

export const runsOf = (database: TestDatabase, dealId: number) =>
  database.db.selectFrom('automation_runs').selectAll().where('deal_id', '=', dealId).orderBy('id').execute();
