// What the bench scenarios share: the server under test, a pipeline made through the API, deals
// generated into it, waiting for the automation dispatcher, and printing a figure with its target.
import os from 'node:os';
import { z } from 'zod';
import type { Database } from '../src/db/database.ts';
import { generateDemo } from '../src/modules/demo/generate-demo.ts';
import type { Client } from './load.ts';

export type BenchContext = {
  database: Database;
  client: Client;
  url: string;
  accountId: number;
  /** The server process (for CPU time and memory from /proc). */
  pid: number;
  credentials: { email: string; password: string };
};

const pipelineAnswer = z.object({
  _embedded: z.object({
    pipelines: z.array(
      z.object({
        id: z.number(),
        _embedded: z.object({
          statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.number() })),
        }),
      }),
    ),
  }),
});

/** Sends a request and parses its JSON answer, failing loudly on an error status. */
export async function call<T>(
  client: Client,
  method: string,
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<T> {
  const res = await client.request(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 500)}`);
  return schema.parse(JSON.parse(res.body));
}

/** A new pipeline with these open stages, through POST /api/v4/leads/pipelines; stage ids by name. */
export async function createPipeline(client: Client, name: string, stages: string[]) {
  const answer = await call(
    client,
    'POST',
    '/api/v4/leads/pipelines',
    [{ name, _embedded: { statuses: stages.map((s, i) => ({ name: s, sort: (i + 1) * 10 })) } }],
    pipelineAnswer,
  );
  const p = answer._embedded.pipelines[0];
  if (!p) throw new Error('no pipeline created');
  const stage = (n: string) => {
    const s = p._embedded.statuses.find((x) => x.name === n);
    if (!s) throw new Error(`no stage ${n}`);
    return s.id;
  };
  return { id: p.id, stage };
}

/** Generated deals (with contacts, tasks, notes, events) in one pipeline, or one stage of it. */
export async function generateInto(
  ctx: BenchContext,
  deals: number,
  place: { pipelineId: number; stageId?: number },
): Promise<number> {
  let last = 0;
  const result = await generateDemo(ctx.database, {
    deals,
    contacts: 0,
    accountId: ctx.accountId,
    ...place,
    onProgress: (phase, done, total) => {
      if (done === total || performance.now() - last > 10_000) {
        last = performance.now();
        console.error(`  generating ${phase} into pipeline ${place.pipelineId}: ${done} / ${total}`);
      }
    },
  });
  return result.seconds;
}

/**
 * Waits until the automation dispatcher has read every event written so far, so that the next
 * scenario is not measured while the server is still catching up (and so that triggers made
 * next do not fire for the generated history). Returns the seconds waited and events read.
 */
export async function waitForDispatcher(
  database: Database,
  timeoutMs = 30 * 60_000,
): Promise<{ seconds: number; events: number }> {
  const { db } = database;
  const started = performance.now();
  const max = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const target = Number(max?.m ?? 0);
  const cursor = async () =>
    Number(
      (
        await db
          .selectFrom('webhook_cursors')
          .select('last_event_id')
          .where('name', '=', 'automation')
          .executeTakeFirst()
      )?.last_event_id ?? 0,
    );
  const from = await cursor();
  let at = from;
  while (at < target) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`the automation dispatcher is stuck at event ${at} of ${target}`);
    await new Promise((r) => setTimeout(r, 250));
    at = await cursor();
  }
  return { seconds: (performance.now() - started) / 1000, events: Math.max(0, target - from) };
}

export const loadAverage = () =>
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

export const line = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);

/** "target < 50 ms: met" — a figure against its target, lower is better unless said otherwise. */
export function verdict(value: number, target: number, unit: string, higherIsBetter = false): string {
  const met = higherIsBetter ? value >= target : value <= target;
  return `target ${higherIsBetter ? '≥' : '≤'} ${target} ${unit}: ${met ? 'met' : 'NOT met'}`;
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: pct(50), p95: pct(95), max: sorted.at(-1) ?? 0, count: sorted.length };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
