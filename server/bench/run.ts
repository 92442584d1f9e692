// `npm run bench`: start-up time, idle memory and GET /api/v4/account throughput of a real
// server process on a fresh SQLite database (or DATABASE_URL when set). Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../src/test/server-process.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
const env = { ...process.env, VORONKA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

const t0 = performance.now();
const { child, url } = await startServerProcess(env);
const startupMs = performance.now() - t0;

const setup = await fetch(`${url}/api/app/setup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    accountName: 'Bench',
    name: 'Bench',
    email: 'bench@example.com',
    password: 'bench password',
    locale: 'en',
  }),
});
const { csrfToken } = await setup.json();
const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const tokenRes = await fetch(`${url}/api/app/api-tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
  body: JSON.stringify({ name: 'bench', days: 1 }),
});
const { token } = await tokenRes.json();

await new Promise((r) => setTimeout(r, 1000));
const rssKb = Number(
  (await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1],
);

// Closed-loop load: `concurrency` clients for `seconds`, then requests per second and latency.
const concurrency = 32;
const seconds = 5;
const latencies: number[] = [];
const until = performance.now() + seconds * 1000;
let errors = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const s = performance.now();
      const res = await fetch(`${url}/api/v4/account`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      latencies.push(performance.now() - s);
    }
  }),
);
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
console.log(`database:                         ${dialect}`);
console.log(
  `start-up to ready (ms):           ${startupMs.toFixed(0)}  (includes tsx transpile and migrations)`,
);
console.log(`idle RSS after setup (MiB):       ${(rssKb / 1024).toFixed(1)}`);
console.log(
  `GET /api/v4/account req/s:        ${(latencies.length / seconds).toFixed(0)}  (${concurrency} clients, ${seconds}s, ${errors} errors)`,
);
console.log(`GET /api/v4/account p50/p95 (ms): ${pct(50).toFixed(1)} / ${pct(95).toFixed(1)}`);
