// HTTP helpers for the bench: a keep-alive client (lighter than fetch, so the load generator
// takes less of the shared CPU from the server), latency percentiles and closed-loop load.
import http from 'node:http';
import { readFileSync } from 'node:fs';

export type Client = {
  request: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: string }>;
};

export function createClient(baseUrl: string, token: string): Client {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const send = (
    method: string,
    path: string,
    payload: string | undefined,
    retry: boolean,
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as it was reused (after a long
        // generation step): send again on a fresh one, as Node's documentation advises.
        if (retry && req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          send(method, path, payload, false).then(resolve, reject);
        } else reject(new Error(`${method} ${path}: ${error.message}`, { cause: error }));
      });
      req.end(payload);
    });
  return {
    request: (method, path, body) =>
      send(method, path, body === undefined ? undefined : JSON.stringify(body), true),
  };
}

export type Stats = { count: number; errors: number; seconds: number; p50: number; p95: number; max: number };

function stats(latencies: number[], errors: number, seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { count: sorted.length, errors, seconds, p50: pct(50), p95: pct(95), max: sorted.at(-1) ?? 0 };
}

/**
 * Latency of requests one after another (an otherwise idle server): `paths[i % paths.length]`
 * for `count` requests, after `warmup` unmeasured ones.
 */
export async function sequential(
  client: Client,
  paths: string[],
  count: number,
  okStatuses = [200, 204],
  warmup = 10,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = -warmup; i < count; i++) {
    const path = paths[((i % paths.length) + paths.length) % paths.length] ?? '/';
    const s = performance.now();
    const res = await client.request('GET', path);
    if (i < 0) continue;
    latencies.push(performance.now() - s);
    if (!okStatuses.includes(res.status)) errors++;
  }
  return stats(latencies, errors, (performance.now() - started) / 1000);
}

/** Closed-loop load: `concurrency` clients each sending the next request as soon as one answers. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  send: (i: number) => Promise<boolean>,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        const ok = await send(n++);
        latencies.push(performance.now() - s);
        if (!ok) errors++;
      }
    }),
  );
  return stats(latencies, errors, (performance.now() - started) / 1000);
}

/**
 * CPU seconds (user + system) a process has used: on a machine shared with other work, the
 * server's CPU time per request is steadier than wall-clock rates.
 */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size and its peak (MiB) of a process, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
