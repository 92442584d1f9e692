import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/db.ts';
import { startServerProcess } from '../../test/server-process.ts';
import { envFor } from '../../test/spawn.ts';
import { makeRunDue, waitFor } from './automation.test-support.ts';

/**
 * Issue 5: "on PostgreSQL with two app processes, each action runs exactly once". Two real
 * `server/src/main.ts` processes share one database; each runs the event dispatcher and a
 * pg-boss worker. SQLite is one process by design (its job runner is in-process), so this file
 * runs on PostgreSQL only.
 */
type Node = { child: ChildProcess; url: string };
type Session = { cookie: string; csrf: string };

const onPg = testDialect() === 'postgres';
let database: TestDatabase;
const nodes: Node[] = [];
let session: Session;

const start = async () => {
  // A loaded CI machine can take minutes to transpile and start a process.
  const node = await startServerProcess(envFor(database, { PUBLIC_URL: 'http://crm.test' }), 170_000);
  nodes.push(node);
  return node;
};
async function stopNode(node: Node, signal: 'SIGTERM' | 'SIGKILL') {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = once(node.child, 'exit');
  node.child.kill(signal);
  await exited;
}

async function call<T>(node: Node, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

type Pipelines = {
  _embedded: {
    pipelines: Array<{
      id: number;
      is_main: boolean;
      _embedded: { statuses: Array<{ id: number; type: number }> };
    }>;
  };
};

async function mainStages(node: Node) {
  const body = await call<Pipelines>(node, 'GET', '/api/v4/leads/pipelines');
  const main = body._embedded.pipelines.find((p) => p.is_main);
  if (!main) throw new Error('no main pipeline');
  const open = main._embedded.statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143);
  return { pipelineId: main.id, open: open.map((s) => s.id) };
}

async function createDeals(node: Node, count: number, stageId: number, prefix: string) {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 50) {
    const items = Array.from({ length: Math.min(50, count - i) }, (_, k) => ({
      name: `${prefix} ${i + k + 1}`,
      status_id: stageId,
    }));
    const body = await call<{ _embedded: { leads: Array<{ id: number }> } }>(
      node,
      'POST',
      '/api/v4/leads',
      items,
    );
    ids.push(...body._embedded.leads.map((l) => l.id));
  }
  return ids;
}

/** Moves deals through PATCH /api/v4/leads, 50 a request, alternating between the nodes. */
async function moveDeals(ids: number[], stageId: number) {
  const requests: Array<Promise<unknown>> = [];
  for (let i = 0; i < ids.length; i += 50) {
    const node = nodes.filter((n) => n.child.exitCode === null)[(i / 50) % 2] ?? nodes[0];
    if (!node) throw new Error('no node');
    const items = ids.slice(i, i + 50).map((id) => ({ id, status_id: stageId }));
    requests.push(call(node, 'PATCH', '/api/v4/leads', items));
  }
  await Promise.all(requests);
}

const tasksWith = (text: string) =>
  database.db
    .selectFrom('tasks')
    .select(['id', 'entity_id', 'created_by'])
    .where('entity_type', '=', 'leads')
    .where('text', '=', text)
    .execute();
const runsOfTrigger = (triggerId: number) =>
  database.db.selectFrom('automation_runs').selectAll().where('trigger_id', '=', triggerId).execute();

describe.runIf(onPg)('two app processes on one PostgreSQL database', () => {
  let stages: Awaited<ReturnType<typeof mainStages>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One after the other: the first installs pg-boss's schema.
    const a = await start();
    await start();
    const res = await fetch(`${a.url}/api/app/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountName: 'Два узла',
        name: 'Админ',
        email: 'two-nodes@example.com',
        password: 'two nodes password',
        locale: 'ru',
      }),
    });
    expect(res.status).toBe(200);
    const payload: { csrfToken: string } = await res.json();
    session = { csrf: payload.csrfToken, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
    stages = await mainStages(a);
  }, 400_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => stopNode(n, 'SIGKILL')));
    await database.drop();
  });

  it('runs the action of 200 deals moved into a stage exactly once each, spread over both nodes', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('nodes not started');
    const trigger = await call<{ id: number }>(
      b,
      'POST',
      `/api/app/pipelines/${stages.pipelineId}/triggers`,
      {
        name: 'Позвонить',
        stage_id: stages.open[1],
        when: { kind: 'moved_into' },
        action: {
          type: 'create_task',
          params: { text: 'Позвонить клиенту', due_in: { amount: 1, unit: 'hours' } },
        },
      },
    );
    const ids = await createDeals(a, 200, stages.open[0] ?? 0, 'Сделка');
    await moveDeals(ids, stages.open[1] ?? 0);

    const done = await waitFor(async () => {
      const runs = await runsOfTrigger(trigger.id);
      return runs.length >= 200 && runs.every((r) => r.status === 'done') ? runs : undefined;
    }, 120_000);
    // Give a duplicate (a second dispatch of the same event, a job run twice) time to show up.
    await new Promise((r) => setTimeout(r, 3000));

    const runs = await runsOfTrigger(trigger.id);
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map((r) => r.deal_id))).toEqual(new Set(ids));
    expect(runs.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    const tasks = await tasksWith('Позвонить клиенту');
    expect(tasks).toHaveLength(200);
    expect(new Set(tasks.map((t) => t.entity_id))).toEqual(new Set(ids));
    expect(tasks.every((t) => t.created_by === 0)).toBe(true);
    // Both processes took part: the runs name the node that claimed them.
    const byNode = new Set(done.map((r) => r.ran_by?.split(':').pop()));
    expect(byNode).toEqual(new Set([a.child.pid, b.child.pid].map(String)));
  }, 240_000);

  it('runs a delayed action once when every node was restarted between scheduling and the due time', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('nodes not started');
    const trigger = await call<{ id: number }>(
      a,
      'POST',
      `/api/app/pipelines/${stages.pipelineId}/triggers`,
      {
        stage_id: stages.open[2],
        when: { kind: 'moved_into' },
        delay: { kind: 'after', amount: 1, unit: 'days' },
        action: { type: 'create_task', params: { text: 'Через день' } },
      },
    );
    const ids = await createDeals(b, 20, stages.open[0] ?? 0, 'Отложенная');
    await moveDeals(ids, stages.open[2] ?? 0);
    const scheduled = await waitFor(async () => {
      const runs = await runsOfTrigger(trigger.id);
      return runs.length === 20 && runs.every((r) => r.status === 'scheduled') ? runs : undefined;
    }, 60_000);
    expect(scheduled.every((r) => r.scheduled_at - Date.now() / 1000 > 86_000)).toBe(true);

    // One node crashes, the other shuts down: nothing of the schedule lives in a process.
    await stopNode(a, 'SIGKILL');
    await stopNode(b, 'SIGTERM');
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(b.child.exitCode ?? b.child.signalCode).not.toBeNull();
    await expect(fetch(`${a.url}/readyz`)).rejects.toThrow();
    await expect(fetch(`${b.url}/readyz`)).rejects.toThrow();
    await start();
    await start();
    for (const run of scheduled) await makeRunDue(database, run.id);

    await waitFor(async () => {
      const runs = await runsOfTrigger(trigger.id);
      return runs.every((r) => r.status === 'done') || undefined;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    const runs = await runsOfTrigger(trigger.id);
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    const tasks = await tasksWith('Через день');
    expect(tasks.map((t) => t.entity_id ?? 0).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    // The restarted nodes are new processes.
    const oldNodes = new Set([a.child.pid, b.child.pid].map(String));
    expect(runs.some((r) => oldNodes.has((r.ran_by ?? '').split(':')[1] ?? ''))).toBe(false);
  }, 600_000);
});
