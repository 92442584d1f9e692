import { liveChangeSchema, type LiveChange } from '@voronka/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { buildAccountWithToken } from '../../test/factories.ts';
import { createLeads, signedInClient } from '../deals/deals.test-support.ts';

let t: TestApp;
let base = '';
beforeEach(async () => {
  t = await buildTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await t.close();
});

/** Opens the stream like a browser's EventSource and collects the `change` messages. */
async function openStream(cookie: string, lastEventId?: number) {
  const controller = new AbortController();
  const headers: Record<string, string> = { cookie, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const res = await fetch(`${base}/api/app/stream`, { headers, signal: controller.signal });
  const changes: LiveChange[] = [];
  const events: string[] = [];
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push(event);
          if (event === 'change' && data) changes.push(liveChangeSchema.parse(JSON.parse(data)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    res,
    changes,
    events,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe('GET /api/app/stream', () => {
  it('needs a session', async () => {
    const res = await fetch(`${base}/api/app/stream`);
    expect(res.status).toBe(401);
  });

  it('delivers a deal created through the API to open streams of the account, not to others', async () => {
    const c = await signedInClient(t.app);
    const stream = await openStream(c.admin.cookie);
    expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
    const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v4/leads',
      headers: { authorization: `Bearer ${other.token}` },
      payload: [{ name: 'Чужая' }],
    });
    expect(foreign.statusCode).toBe(200);
    const [id] = await createLeads(c, [{ name: 'Живая', responsible_user_id: c.userId }]);
    await expect.poll(() => stream.changes.map((x) => x.type), { timeout: 3000 }).toContain('deal.created');
    const created = stream.changes.find((x) => x.type === 'deal.created');
    expect(created).toMatchObject({ entity_type: 'leads', entity_id: id, responsible_user_id: c.userId });
    expect(stream.changes.every((x) => x.entity_id !== foreign.json()._embedded.leads[0].id)).toBe(true);

    const board = (await c.call('GET', '/api/app/board')).json();
    const target = board.stages[2].stage.id;
    await c.call('POST', `/api/app/deals/${id}/move`, { stage_id: target });
    await expect
      .poll(() => stream.changes.map((x) => x.type), { timeout: 3000 })
      .toContain('deal.stage_changed');
    await stream.close();
  });

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    const c = await signedInClient(t.app);
    const first = await openStream(c.admin.cookie);
    await createLeads(c, [{ name: 'Первая' }]);
    await expect.poll(() => first.changes.length, { timeout: 3000 }).toBeGreaterThan(0);
    const lastSeen = first.changes.at(-1)?.id ?? 0;
    // A second listener keeps the hub running while the first one is away.
    const keeper = await openStream(c.admin.cookie);
    await first.close();
    const [missed] = await createLeads(c, [{ name: 'Пропущенная' }]);
    await expect.poll(() => keeper.changes.some((x) => x.entity_id === missed), { timeout: 3000 }).toBe(true);
    const again = await openStream(c.admin.cookie, lastSeen);
    await expect.poll(() => again.changes.some((x) => x.entity_id === missed), { timeout: 3000 }).toBe(true);
    await again.close();
    await keeper.close();
  });

  it("names the deal a task is on, so the deal's open card can show the task live", async () => {
    const c = await signedInClient(t.app);
    const [dealId] = await createLeads(c, [{ name: 'С задачей' }]);
    const stream = await openStream(c.admin.cookie);
    const res = await c.call('POST', '/api/v4/tasks', [
      { text: 'Перезвонить', entity_type: 'leads', entity_id: dealId, complete_till: 2_000_000_000 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const taskId: number = res.json()._embedded.tasks[0].id;
    await expect
      .poll(() => stream.changes.some((x) => x.type === 'task.added'), { timeout: 3000 })
      .toBe(true);
    expect(stream.changes.find((x) => x.type === 'task.added')).toMatchObject({
      entity_type: 'tasks',
      entity_id: taskId,
      parent_type: 'leads',
      parent_id: dealId,
    });
    await c.call('PATCH', `/api/v4/tasks/${taskId}`, { is_completed: true, result: { text: 'Готово' } });
    await expect
      .poll(() => stream.changes.find((x) => x.type === 'task.completed'), { timeout: 3000 })
      .toMatchObject({ parent_type: 'leads', parent_id: dealId });
    await stream.close();
  });
});
