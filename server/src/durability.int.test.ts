import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test/db.ts';
import { startServerProcess } from './test/server-process.ts';
import { envFor } from './test/spawn.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('a server killed with SIGKILL during writes', () => {
  it('loses no acknowledged write', async () => {
    const { child, url } = await startServerProcess(envFor(database));
    const setup = await fetch(`${url}/api/app/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountName: 'Crash test',
        name: 'Admin',
        email: 'crash@example.com',
        password: 'crash password',
        locale: 'en',
      }),
    });
    expect(setup.status).toBe(200);
    const csrf: string = (await setup.json()).csrfToken;
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const acknowledged: number[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${url}/api/app/api-tokens`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
            body: JSON.stringify({ name: `w${w}-${i}`, days: 1 }),
          });
          if (res.status === 200) acknowledged.push((await res.json()).id);
        } catch {
          return; // connection refused: the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 120) await new Promise((r) => setTimeout(r, 10));
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    // The server itself died mid-write, not a wrapper around it: nothing answers any more.
    expect(await exited).toEqual([null, 'SIGKILL']);
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();

    const rows = await database.db.selectFrom('api_tokens').select('id').execute();
    const stored = new Set(rows.map((r) => r.id));
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);
    expect(lost).toEqual([]);
  }, 120_000);
});
