// `npm run bench [-- --deals N --contacts N --data-dir DIR --seconds S --concurrency C
//                    --board-deals N --automation-deals N --delayed N --delayed-rate R ...]`
// Starts a real server process on a fresh SQLite database (or a fresh PostgreSQL database next to
// DATABASE_URL), fills it with demo:generate and prints: start-up time, idle memory, GET
// /api/v4/account throughput, insert rate, the deals list of one stage (limit 250), search by
// phone in several formats, deal creation over HTTP, and memory after the load; then the board
// of a pipeline of --board-deals deals (server and Chromium), web form submissions end to end,
// --automation-deals deals moved into a stage with three triggers, and --delayed pending
// delayed actions coming due at --delayed-rate a second. Each figure with its target; 0 skips a
// scenario. See README "Performance" for the full run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createApiToken } from '../src/modules/api-tokens/create-api-token.ts';
import { generateDemo } from '../src/modules/demo/generate-demo.ts';
import { startServerProcess } from '../src/test/server-process.ts';
import { closedLoop, cpuSeconds, createClient, memoryOf, sequential, type Stats } from './load.ts';
import { automationBurst, automationDelayed } from './automation.ts';
import { boardBench } from './board.ts';
import { formsBench } from './forms.ts';
import { printAutomation, printBoard, printForms } from './print.ts';
import type { BenchContext } from './scenario.ts';
import { benchTargets } from './targets.ts';

const { values: opts } = parseArgs({
  options: {
    deals: { type: 'string', default: '1000000' },
    contacts: { type: 'string' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    requests: { type: 'string', default: '300' },
    'board-deals': { type: 'string', default: '100000' },
    'browser-runs': { type: 'string', default: '6' },
    'form-seconds': { type: 'string' },
    'form-concurrency': { type: 'string', default: '4' },
    'automation-deals': { type: 'string', default: '10000' },
    delayed: { type: 'string', default: '100000' },
    'delayed-rate': { type: 'string', default: '500' },
    'delayed-lead': { type: 'string' },
    'delayed-fire': { type: 'string' },
  },
});
const deals = Number(opts.deals);
const contacts = Number(opts.contacts ?? Math.round(deals * 0.3));
const seconds = Number(opts.seconds);
const concurrency = Number(opts.concurrency);
const requests = Number(opts.requests);

// The database: a kept SQLite data dir, a fresh temporary one, or a fresh PostgreSQL database.
const keepDir = opts['data-dir'];
const dataDir = keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
const pgBase = process.env.DATABASE_URL;
const pgName = `voronka_bench_${process.pid}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  VORONKA_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  // The form bench posts from one address as fast as it can; the per-IP limit still counts.
  FORM_SUBMISSIONS_PER_IP: '1000000000',
  // The bench measures the server, not the per-token API limit (6,000 a minute by default).
  API_RATE_LIMIT: '0',
};
if (pgBase) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgName}`);
  await admin.end();
  const url = new URL(pgBase);
  url.pathname = `/${pgName}`;
  env.DATABASE_URL = url.toString();
}

const t0 = performance.now();
const { child, url } = await startServerProcess(env, 120_000);
const startupMs = performance.now() - t0;
// The server's warnings and errors (LOG_LEVEL=warn) go to the bench's stderr.
child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
child.once('exit', (code, signal) => {
  if (code !== 0 && signal !== 'SIGTERM') console.error(`[server] exited: ${code ?? signal}`);
});
const pid = child.pid ?? 0;
const config = loadConfig(env);
const database = openDatabase(config.database);
// Generation batches wait for the server's write transactions rather than give up after 5 s.
if (database.dialect === 'sqlite') await sql`PRAGMA busy_timeout = 120000`.execute(database.db);

/** A long-lived token of the first user (the setup page makes one on a fresh database). */
async function benchToken(): Promise<{ token: string; accountId: number }> {
  const firstUser = () =>
    database.db.selectFrom('users').selectAll().orderBy('is_admin', 'desc').orderBy('id').executeTakeFirst();
  if (!(await firstUser())) {
    await fetch(`${url}/api/app/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountName: 'Bench',
        name: 'Bench',
        email: 'bench@example.com',
        password: 'bench password',
        locale: 'ru',
      }),
    });
  }
  const user = await firstUser();
  if (!user) throw new Error('setup did not create a user');
  const { token } = await createApiToken(database.db, config.secretKey, {
    accountId: user.account_id,
    userId: user.id,
    name: 'bench',
    days: 1,
  });
  return { token, accountId: user.account_id };
}

const { token, accountId } = await benchToken();
const client = createClient(url, token);
await new Promise((r) => setTimeout(r, 1000));
const idle = memoryOf(pid);

/** Runs a measurement and adds the server's CPU milliseconds per request to its figures. */
async function withCpu(run: () => Promise<Stats>): Promise<Stats & { cpuMs: number }> {
  const before = cpuSeconds(pid);
  const stats = await run();
  return { ...stats, cpuMs: ((cpuSeconds(pid) - before) * 1000) / Math.max(1, stats.count) };
}

const account = await withCpu(() =>
  closedLoop(32, seconds, async () => (await client.request('GET', '/api/v4/account')).status === 200),
);

// Fill the database, unless a kept data dir already holds the deals.
const have = await database.db
  .selectFrom('deals')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('account_id', '=', accountId)
  .executeTakeFirstOrThrow();
let insert: { rows: number; deals: number; seconds: number } | null = null;
if (Number(have.n) < deals) {
  let last = 0;
  const result = await generateDemo(database, {
    deals: deals - Number(have.n),
    contacts,
    accountId,
    onProgress: (phase, done, total) => {
      if (done === total || performance.now() - last > 10_000) {
        last = performance.now();
        console.error(`  generating ${phase}: ${done} / ${total}`);
      }
    },
  });
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  insert = { rows, deals: result.rows.deals ?? 0, seconds: result.seconds };
}

const targets = await benchTargets(database.db, accountId);
const list = await withCpu(() => sequential(client, targets.stagePaths, requests));
const contactSearch = await withCpu(() => sequential(client, targets.phoneSearchPaths('contacts'), requests));
const dealSearch = await withCpu(() =>
  sequential(client, targets.phoneSearchPaths('leads'), Math.ceil(requests / 3)),
);
const afterReads = memoryOf(pid);

const create = (body: (i: number) => unknown) =>
  withCpu(() =>
    closedLoop(concurrency, seconds, async (i) => {
      const res = await client.request('POST', '/api/v4/leads', [body(i)]);
      return res.status === 200;
    }),
  );
const createPlain = await create((i) => ({
  name: `Bench deal ${i}`,
  price: 1000 + i,
  pipeline_id: targets.openStage.pipelineId,
  status_id: targets.openStage.stageId,
}));
const createLinked = await create((i) => ({
  name: `Bench deal ${i}`,
  price: 1000 + i,
  pipeline_id: targets.openStage.pipelineId,
  status_id: targets.openStage.stageId,
  custom_fields_values: [{ field_code: 'SEATS', values: [{ value: 1 + (i % 9) }] }],
  _embedded: {
    contacts: [{ id: targets.contactIds[i % targets.contactIds.length] }],
    tags: [{ name: 'Bench' }],
  },
}));
const loaded = memoryOf(pid);
const baseLoad = os.loadavg();

const ctx: BenchContext = {
  database,
  client,
  url,
  accountId,
  pid,
  credentials: { email: 'bench@example.com', password: 'bench password' },
};
const boardDeals = Number(opts['board-deals']);
const board =
  boardDeals > 0
    ? await boardBench(ctx, boardDeals, { requests: 50, browserRuns: Number(opts['browser-runs']) })
    : null;
const formSeconds = Number(opts['form-seconds'] ?? seconds);
const forms =
  formSeconds > 0
    ? await formsBench(ctx, { seconds: formSeconds, concurrency: Number(opts['form-concurrency']) })
    : null;
const automationDeals = Number(opts['automation-deals']);
const burst = automationDeals > 0 ? await automationBurst(ctx, automationDeals) : null;
const delayedCount = Number(opts.delayed);
const delayed =
  delayedCount > 0
    ? await automationDelayed(
        ctx,
        delayedCount,
        Number(opts['delayed-rate']),
        Number(opts['delayed-lead'] ?? Math.ceil(20 + delayedCount / 1000)),
        Number(opts['delayed-fire'] ?? delayedCount),
        board ? { pipelineId: board.pipelineId, deals: board.deals } : null,
      )
    : null;

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await database.close();
if (!keepDir) rmSync(dataDir, { recursive: true, force: true });
if (pgBase) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.end();
}

type Measured = Stats & { cpuMs: number };
const cpu = (s: Measured) => `server CPU ${s.cpuMs.toFixed(2)} ms/request`;
const ms = (s: Measured) =>
  `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)}  (max ${s.max.toFixed(0)}, ${s.count} requests, ${s.errors} errors; ${cpu(s)})`;
const rate = (s: Measured) =>
  `${(s.count / s.seconds).toFixed(0)}  (${concurrency} clients, ${s.seconds.toFixed(0)} s, p50/p95 ${s.p50.toFixed(1)}/${s.p95.toFixed(1)} ms, ${s.errors} errors; ${cpu(s)})`;
const line = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);
line('database', `${config.database.dialect}; ${os.cpus().length} CPUs; node ${process.version}`);
line('data', `${targets.deals} deals, ${targets.contacts} contacts in the account`);
line('start-up to ready (ms)', `${startupMs.toFixed(0)}  (includes tsx transpile and migrations)`);
line('idle RSS after setup (MiB)', idle.rss.toFixed(1));
line(
  'GET /api/v4/account req/s',
  `${(account.count / account.seconds).toFixed(0)}  (32 clients, ${account.errors} errors; ${cpu(account)})`,
);
line('GET /api/v4/account p50/p95 (ms)', `${account.p50.toFixed(1)} / ${account.p95.toFixed(1)}`);
line(
  'insert rate (demo:generate)',
  insert
    ? `${Math.round(insert.deals / insert.seconds)} deals/s, ${Math.round(insert.rows / insert.seconds)} rows/s (${insert.rows} rows in ${insert.seconds.toFixed(0)} s)`
    : 'skipped: the kept data dir already holds the deals',
);
line('GET /api/v4/leads stage filter, limit 250 (ms)', ms(list));
line('GET /api/v4/contacts?query=<phone> (ms)', ms(contactSearch));
line('GET /api/v4/leads?query=<phone> (ms)', ms(dealSearch));
line('RSS after the reads (MiB)', afterReads.rss.toFixed(1));
line('POST /api/v4/leads, one deal: deals/s', rate(createPlain));
line('  with contact, tag, field: deals/s', rate(createLinked));
line('RSS after the load / peak (MiB)', `${loaded.rss.toFixed(1)} / ${loaded.peak.toFixed(1)}`);
line('load average during the figures above', baseLoad.map((l) => l.toFixed(2)).join(' '));
if (board) printBoard(board);
if (forms) printForms(forms);
printAutomation(burst, delayed);
