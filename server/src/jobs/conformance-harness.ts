import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { z } from 'zod';
import { openDatabase, type Database } from '../db/database.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../test/db.ts';
import { createJobQueue } from './create-queue.ts';
import {
  defineJob,
  type EnqueueOptions,
  type JobDefinition,
  type JobLogger,
  type JobQueue,
} from './queue.ts';

/**
 * The job queue conformance suite's fixtures: one fresh database per test file on the dialect the
 * vitest project selects, queues and extra connections closed after each test, and any error the
 * queue logs (e.g. SQLITE_BUSY between two nodes) failing the test that caused it.
 */
export function useQueueHarness() {
  let testDb: TestDatabase | undefined;
  let cleanups: Array<() => Promise<void>> = [];
  let loggedErrors: string[] = [];
  const logger: JobLogger = { warn: () => {}, error: (_details, message) => loggedErrors.push(message) };

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
    expect(loggedErrors).toEqual([]);
    loggedErrors = [];
  });
  afterAll(() => testDb?.drop());

  const database = (): TestDatabase => {
    if (!testDb) throw new Error('The test database is not ready');
    return testDb;
  };

  let jobCount = 0;
  const newJob = () => defineJob(`test-job-${++jobCount}`, z.object({ n: z.number() }));

  async function newQueue(on: Database = database()): Promise<JobQueue> {
    const settings = database().settings;
    const queue = createJobQueue(on, {
      connectionString: settings.dialect === 'postgres' ? settings.url : undefined,
      logger,
      pollIntervalMs: 100,
      expiryCheckIntervalMs: 1000,
    });
    await queue.start();
    cleanups.push(() => queue.stop({ graceful: false }));
    return queue;
  }

  /** A second connection to the same database: another app node, or the same one after a restart. */
  function openNode(): Database {
    const node = openDatabase(database().settings);
    cleanups.push(() => node.close());
    return node;
  }

  async function enqueue(
    queue: JobQueue,
    job: JobDefinition<{ n: number }>,
    n: number,
    options?: EnqueueOptions,
  ): Promise<string> {
    const id = await queue.enqueue(database().db, job, { n }, options);
    if (id === null) throw new Error('Expected a job id');
    return id;
  }

  return { database, newJob, newQueue, openNode, enqueue, onPg: testDialect() === 'postgres' };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await delay(25);
  }
}

export const hasState = (queue: JobQueue, id: string, state: string) => async () =>
  (await queue.getJob(id))?.state === state;
