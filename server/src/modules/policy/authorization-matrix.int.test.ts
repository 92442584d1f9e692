import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { dealMatrix } from './matrix.deals.ts';
import { buildMatrixFixture, hitRoutes, type MatrixFixture } from './matrix.fixture.ts';
import { recordMatrix } from './matrix.records.ts';
import { matrixRoutes } from './matrix.routes.ts';

// The authorization matrix of issue 6: one account per database (built once), the rights of
// manager A switched per block, every route of the app accounted for at the end.
let t: TestApp;
let f: MatrixFixture;
beforeAll(async () => {
  t = await buildTestApp();
  f = await buildMatrixFixture(t);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const apiRoutes = () =>
  t.app.routeList.filter((r) => /^\/api\/(v4|app)\//.test(r.url)).map((r) => `${r.method} ${r.url}`);

/** Every row of every table but the event log (refusals are audited there), for "nothing changed". */
async function snapshot(db: Kysely<DB>): Promise<string> {
  const tables = (await db.introspection.getTables())
    .map((tb) => tb.name)
    .filter((name) => name !== 'events' && !name.startsWith('kysely_'))
    .sort();
  const parts: string[] = [];
  for (const name of tables) {
    const rows = await db
      .selectFrom(name as keyof DB)
      .selectAll()
      .execute();
    // A token's or session's last use is bookkeeping of the request itself, not a change.
    const kept = rows.map(({ last_used_at: _used, last_seen_at: _seen, ...rest }) => JSON.stringify(rest));
    parts.push(`${name}:${JSON.stringify(kept.sort())}`);
  }
  return parts.join('\n');
}

describe('administrator-only routes', () => {
  it('a non-administrator with full record rights gets 403 on each, and nothing changes', async () => {
    await f.giveA({});
    const before = await snapshot(t.database.db);
    const admin = Object.entries(matrixRoutes).flatMap(([key, entry]) =>
      'admin' in entry ? [{ key, probe: entry.body }] : [],
    );
    expect(admin.length).toBeGreaterThan(0);
    for (const { key, probe } of admin) {
      const [method, pattern] = key.split(' ') as [string, string];
      const url = pattern.replace(/:entity\b/, 'leads').replace(/:[A-Za-z_]+/g, '1');
      const body = method === 'GET' || method === 'DELETE' ? undefined : (probe ?? {});
      const res = await f.a.call(method as 'GET', url, body);
      expect(res.statusCode, `${key}: ${res.body}`).toBe(403);
    }
    const after = await snapshot(t.database.db);
    const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(changed.map((line) => line.slice(0, 400))).toEqual([]);
  });
});

dealMatrix(() => f);
recordMatrix(() => f);

describe('route coverage', () => {
  it('every /api/v4 and /api/app route has an entry, and no entry names a route that is gone', () => {
    const registered = new Set(apiRoutes());
    const missing = [...registered].filter((r) => !(r in matrixRoutes));
    const stale = Object.keys(matrixRoutes).filter((r) => !registered.has(r));
    expect(missing, 'routes without a matrix entry (add a case or an exemption)').toEqual([]);
    expect(stale, 'entries for routes that no longer exist').toEqual([]);
  });

  it('every route marked as covered was called by the restricted user during the matrix', () => {
    const covered = Object.entries(matrixRoutes).flatMap(([key, entry]) => ('matrix' in entry ? [key] : []));
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.filter((r) => !hitRoutes.has(r))).toEqual([]);
  });
});
