import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { hasState, useQueueHarness, waitFor } from './conformance-harness.ts';

// One suite, two adapters: the SQLite table runner or pg-boss, whichever the project selects.
const { database, newJob, newQueue, openNode, enqueue, onPg } = useQueueHarness();

it('runs an enqueued job once, with its data', async () => {
  const queue = await newQueue();
  const job = newJob();
  const seen: unknown[] = [];
  await queue.work(job, async ({ id, data, attempt }) => void seen.push({ id, data, attempt }));
  const id = await enqueue(queue, job, 7);
  await waitFor(hasState(queue, id, 'completed'));
  expect(seen).toEqual([{ id, data: { n: 7 }, attempt: 1 }]);
  expect(await queue.getJob(id)).toEqual({
    id,
    name: job.name,
    state: 'completed',
    attempts: 1,
    lastError: null,
  });
  // @ts-expect-error: data the schema rejects fails the enqueue, not the worker later
  await expect(queue.enqueue(database().db, job, { n: 'seven' })).rejects.toThrow();
});

it('never runs a job enqueued in a rolled-back transaction', async () => {
  const queue = await newQueue();
  const job = newJob();
  const ran: number[] = [];
  await queue.work(job, async ({ data }) => void ran.push(data.n));
  const committed = await database()
    .db.transaction()
    .execute((trx) => queue.enqueue(trx, job, { n: 2 }, { startAfterMs: 200 }));
  if (committed === null) throw new Error('Expected a job id');
  const rolledBack: string[] = [];
  const enqueueThenFail = database()
    .db.transaction()
    .execute(async (trx) => {
      rolledBack.push((await queue.enqueue(trx, job, { n: 1 })) ?? 'none');
      throw new Error('rolled back');
    });
  await expect(enqueueThenFail).rejects.toThrow('rolled back');
  await waitFor(hasState(queue, committed, 'completed'));
  await delay(300);
  expect(ran).toEqual([2]);
  expect(rolledBack).toHaveLength(1);
  expect(await queue.getJob(rolledBack[0] ?? '')).toBeNull();
});

it('runs a job at runAt, not before', async () => {
  const queue = await newQueue();
  const job = newJob();
  const ranAt: number[] = [];
  await queue.work(job, async () => void ranAt.push(Date.now()));
  const runAt = new Date(Date.now() + 1200);
  const id = await enqueue(queue, job, 1, { runAt });
  await delay(700);
  expect(ranAt).toEqual([]);
  expect((await queue.getJob(id))?.state).toBe('created');
  await waitFor(hasState(queue, id, 'completed'));
  expect(ranAt).toHaveLength(1);
  expect(ranAt[0]).toBeGreaterThanOrEqual(runAt.getTime());
});

it('retries with exponential backoff, then succeeds', async () => {
  const queue = await newQueue();
  const job = newJob();
  const starts: Array<{ attempt: number; at: number }> = [];
  await queue.work(job, async ({ attempt }) => {
    starts.push({ attempt, at: Date.now() });
    if (attempt < 3) throw new Error(`smtp refused (attempt ${attempt})`);
  });
  const delayMs = onPg ? 1000 : 300; // pg-boss counts retry delays in whole seconds
  const id = await enqueue(queue, job, 1, { retryLimit: 2, retryDelayMs: delayMs, retryBackoff: true });
  await waitFor(() => starts.length === 1);
  await waitFor(hasState(queue, id, 'retry'));
  expect((await queue.getJob(id))?.lastError).toContain('smtp refused (attempt 1)');
  await waitFor(hasState(queue, id, 'completed'), 20_000);
  expect(starts.map((s) => s.attempt)).toEqual([1, 2, 3]);
  const [first, second, third] = starts.map((s) => s.at);
  expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(delayMs - 5);
  expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2 * delayMs - 5);
  expect(await queue.getJob(id)).toMatchObject({ state: 'completed', attempts: 3, lastError: null });
});

it('gives up after the last retry and keeps the error', async () => {
  const queue = await newQueue();
  const job = newJob();
  let calls = 0;
  await queue.work(job, async () => {
    calls++;
    throw new Error('smtp down');
  });
  const id = await enqueue(queue, job, 1, { retryLimit: 1, retryDelayMs: 0, retryBackoff: false });
  await waitFor(hasState(queue, id, 'failed'));
  const failed = await queue.getJob(id);
  expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
  expect(failed?.lastError).toContain('smtp down');
  await delay(400);
  expect(calls).toBe(2);
});

it('cancels waiting jobs by key, inside the transaction, and not running ones', async () => {
  const queue = await newQueue();
  const job = newJob();
  const ran: number[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await queue.work(job, async ({ data }) => {
    ran.push(data.n);
    if (data.n === 4) await gate;
  });
  const running = await enqueue(queue, job, 4, { cancelKey: 'deal:1' });
  await waitFor(() => ran.includes(4));
  const waiting = await enqueue(queue, job, 1, { startAfterMs: 800, cancelKey: 'deal:1' });
  await enqueue(queue, job, 2, { startAfterMs: 800, cancelKey: 'deal:1' });
  const other = await enqueue(queue, job, 3, { startAfterMs: 800, cancelKey: 'deal:2' });
  const cancelThenFail = database()
    .db.transaction()
    .execute(async (trx) => {
      expect(await queue.cancelByKey(trx, 'deal:1')).toBe(2);
      throw new Error('rolled back');
    });
  await expect(cancelThenFail).rejects.toThrow('rolled back');
  expect((await queue.getJob(waiting))?.state).toBe('created');
  expect(await queue.cancelByKey(database().db, 'deal:1')).toBe(2);
  expect(await queue.cancelByKey(database().db, 'deal:1')).toBe(0);
  release();
  await waitFor(hasState(queue, other, 'completed'));
  await waitFor(hasState(queue, running, 'completed'));
  await delay(300);
  expect(ran.sort((a, b) => a - b)).toEqual([3, 4]);
  expect((await queue.getJob(waiting))?.state).toBe('cancelled');
});

it('dedupes by singletonKey while a job waits for its first run', async () => {
  const queue = await newQueue();
  const job = newJob();
  const ran: number[] = [];
  await queue.work(job, async ({ data }) => void ran.push(data.n));
  const later = { startAfterMs: 600 };
  const first = await enqueue(queue, job, 1, { ...later, singletonKey: 'recalc:5' });
  expect(await queue.enqueue(database().db, job, { n: 2 }, { singletonKey: 'recalc:5' })).toBeNull();
  const otherKey = await enqueue(queue, job, 3, { ...later, singletonKey: 'recalc:6' });
  const otherName = await enqueue(queue, newJob(), 9, { ...later, singletonKey: 'recalc:5' });
  const keyless = [await enqueue(queue, job, 4, later), await enqueue(queue, job, 5, later)];
  expect(new Set([first, otherKey, otherName, ...keyless]).size).toBe(5);
  // Two transactions racing for one key: one job.
  const race = await Promise.all(
    [6, 7].map((n) =>
      database()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, job, { n }, { ...later, singletonKey: 'race' })),
    ),
  );
  expect(race.filter((id) => id !== null)).toHaveLength(1);
  await waitFor(hasState(queue, first, 'completed'));
  const again = await enqueue(queue, job, 8, { singletonKey: 'recalc:5' });
  await waitFor(hasState(queue, again, 'completed'));
  await waitFor(() => ran.length === 6);
  expect(ran.filter((n) => n !== 6 && n !== 7).sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 8]);
});

it('survives a restart: a delayed job runs once on the new process', async () => {
  const before = openNode();
  const ran: string[] = [];
  const job = newJob();
  const first = await newQueue(before);
  await first.work(job, async ({ id }) => void ran.push(`before:${id}`));
  const id = await first.enqueue(before.db, job, { n: 1 }, { startAfterMs: 700 });
  await first.stop({ graceful: true });
  await before.close();
  expect(ran).toEqual([]);

  const after = await newQueue(openNode());
  await after.work(job, async ({ id }) => void ran.push(`after:${id}`));
  await waitFor(hasState(after, id ?? '', 'completed'));
  await delay(400);
  expect(ran).toEqual([`after:${id}`]);
});

it('runs each job exactly once across two app nodes', async () => {
  const job = newJob();
  const runs = new Map<number, number>();
  const byNode = { a: 0, b: 0 };
  const handler =
    (node: 'a' | 'b') =>
    async ({ data }: { data: { n: number } }) => {
      runs.set(data.n, (runs.get(data.n) ?? 0) + 1);
      byNode[node]++;
      await delay(20);
    };
  const nodeA = await newQueue();
  const nodeB = await newQueue(openNode());
  await nodeA.work(job, handler('a'), { concurrency: 3 });
  await nodeB.work(job, handler('b'), { concurrency: 3 });
  const numbers = Array.from({ length: 50 }, (_, i) => i);
  const ids = await database()
    .db.transaction()
    .execute(async (trx) => Promise.all(numbers.map((n) => nodeA.enqueue(trx, job, { n }))));
  await waitFor(() => runs.size === 50);
  await delay(500);
  expect(runs).toEqual(new Map(numbers.map((n) => [n, 1])));
  expect(byNode.a).toBeGreaterThan(0);
  expect(byNode.b).toBeGreaterThan(0);
  for (const id of ids) expect((await nodeA.getJob(id ?? ''))?.state).toBe('completed');
});

it('re-runs a job whose worker died mid-run once its lease is over, and never after completion', async () => {
  const job = newJob();
  const runs: string[] = [];
  const crashed = await newQueue();
  const survivor = await newQueue(openNode());
  await crashed.work(job, async ({ attempt }) => {
    runs.push(`crashed:${attempt}`);
    await new Promise(() => {}); // never settles: the process dies first
  });
  const id = await enqueue(crashed, job, 1, { leaseMs: 1000, retryDelayMs: 0, retryBackoff: false });
  await waitFor(() => runs.length === 1);
  await crashed.stop({ graceful: false }); // writes nothing, like a killed process
  expect((await survivor.getJob(id))?.state).toBe('active');
  await survivor.work(job, async ({ attempt }) => void runs.push(`survivor:${attempt}`));
  await waitFor(hasState(survivor, id, 'completed'));
  await delay(2500); // more lease periods and expiry checks pass: a completed job stays completed
  expect(runs).toEqual(['crashed:1', 'survivor:2']);
  expect(await survivor.getJob(id)).toMatchObject({ state: 'completed', attempts: 2 });
});

it('fails a job abandoned on its last attempt once its lease is over', async () => {
  const job = newJob();
  const crashed = await newQueue();
  const survivor = await newQueue(openNode());
  let started = false;
  await crashed.work(job, async () => {
    started = true;
    await new Promise(() => {});
  });
  const id = await enqueue(crashed, job, 1, { leaseMs: 1000, retryLimit: 0 });
  await waitFor(() => started);
  await crashed.stop({ graceful: false });
  let reran = false;
  await survivor.work(job, async () => void (reran = true));
  await waitFor(hasState(survivor, id, 'failed'));
  expect((await survivor.getJob(id))?.lastError).toMatch(/timeout/i);
  expect(reran).toBe(false);
});

it('stops gracefully: waits for running handlers, and abandons them after the timeout', async () => {
  const queue = await newQueue();
  const job = newJob();
  const finished: number[] = [];
  let abortedSeen = false;
  await queue.work(
    job,
    async ({ data, signal }) => {
      if (data.n === 1) {
        await delay(400);
        finished.push(1);
        return;
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      abortedSeen = true;
    },
    { concurrency: 2 },
  );
  const quick = await enqueue(queue, job, 1);
  const stuck = await enqueue(queue, job, 2, { leaseMs: 60_000 });
  await waitFor(hasState(queue, stuck, 'active'));
  const stopping = Date.now();
  await queue.stop({ graceful: true, timeoutMs: 1000 });
  expect(Date.now() - stopping).toBeLessThan(3000);
  expect(finished).toEqual([1]);
  expect(abortedSeen).toBe(true);
  expect((await queue.getJob(quick))?.state).toBe('completed');
  // The abandoned job is left as a crash would leave it: active until its lease runs out.
  expect((await queue.getJob(stuck))?.state).toBe('active');
});

it('hands due jobs over in batches, failing only the jobs the batch handler names', async () => {
  const queue = await newQueue();
  const job = newJob();
  const ids: string[] = [];
  for (let n = 1; n <= 7; n++) ids.push(await enqueue(queue, job, n, { retryLimit: 1, retryDelayMs: 100 }));
  const batches: number[][] = [];
  const attempts = new Map<number, number>();
  await queue.workBatch(
    job,
    async (jobs) => {
      batches.push(jobs.map((j) => j.data.n));
      const failed = new Map<string, unknown>();
      for (const j of jobs) {
        attempts.set(j.data.n, j.attempt);
        // Job 3 fails once and then succeeds; job 5 always fails.
        if ((j.data.n === 3 && j.attempt === 1) || j.data.n === 5)
          failed.set(j.id, new Error(`no ${j.data.n}`));
      }
      return failed;
    },
    { batchSize: 4 },
  );
  const [, , third, , fifth] = ids;
  await waitFor(hasState(queue, fifth ?? '', 'failed'));
  await waitFor(hasState(queue, third ?? '', 'completed'));
  expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(4);
  expect(batches.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 3, 4, 5, 5, 6, 7]);
  for (const [i, id] of ids.entries()) {
    const info = await queue.getJob(id);
    expect(info?.state).toBe(i === 4 ? 'failed' : 'completed');
  }
  expect((await queue.getJob(fifth ?? ''))?.lastError).toContain('no 5');
  expect(attempts.get(3)).toBe(2);
});
