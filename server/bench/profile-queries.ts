// Dev tool: runs API requests in-process against an existing data dir and prints every SQL
// statement they ran with its duration and query plan. Usage:
//   VORONKA_DATA_DIR=/path npx tsx server/bench/profile-queries.ts '/api/v4/leads?...' ...
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DB } from '../src/db/types.ts';
import { createApiToken } from '../src/modules/api-tokens/create-api-token.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
if (config.database.dialect !== 'sqlite') throw new Error('SQLite only');
const sqlite = new BetterSqlite3(config.database.file);
sqlite.pragma('busy_timeout = 20000');
sqlite.function('ulower', { deterministic: true }, (v: unknown) =>
  typeof v === 'string' ? v.toLowerCase() : v,
);
let log: Array<{ sql: string; ms: number; params: readonly unknown[] }> = [];
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: sqlite }),
  log: (e) => {
    if (e.level === 'query')
      log.push({ sql: e.query.sql, ms: e.queryDurationMillis, params: e.query.parameters });
  },
});
const database = { db, dialect: 'sqlite' as const, close: () => db.destroy() };
const app = await buildApp({ config, database, queue: null });
await app.ready();
const user = await db
  .selectFrom('users')
  .selectAll()
  .orderBy('is_admin', 'desc')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const { token } = await createApiToken(db, config.secretKey, {
  accountId: user.account_id,
  userId: user.id,
  name: 'profile',
  days: 1,
});
for (const url of process.argv.slice(2)) {
  const method = url.startsWith('POST ') ? 'POST' : 'GET';
  const path = url.replace(/^POST /, '');
  for (const round of [1, 2]) {
    log = [];
    const t0 = performance.now();
    const res = await app.inject({
      method,
      url: method === 'POST' ? path.split(' ')[0]! : path,
      headers: { authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { payload: JSON.parse(path.split(' ').slice(1).join(' ')) } : {}),
    });
    const total = performance.now() - t0;
    if (round === 1) continue;
    console.log(
      `\n=== ${url}: ${res.statusCode}, ${total.toFixed(1)} ms, ${log.length} queries, ${res.body.length} bytes`,
    );
    for (const q of log) {
      console.log(`--- ${q.ms.toFixed(2)} ms: ${q.sql.slice(0, 400)}`);
      if (q.ms > 2 && /^\s*select/i.test(q.sql)) {
        const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as unknown[]));
        for (const p of plan as Array<{ detail: string }>) console.log(`      plan: ${p.detail}`);
      }
    }
  }
}
await app.close();
