// The board (issue 4): a pipeline of N generated deals; the board's first data request on the
// server (GET /api/app/board, as the web app sends it) and the time to the first card painted in
// Chromium, from navigation to the first card on screen.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { cpuSeconds, sequential, type Stats } from './load.ts';
import {
  createPipeline,
  generateInto,
  percentiles,
  waitForDispatcher,
  type BenchContext,
} from './scenario.ts';

export type BoardFigures = {
  deals: number;
  pipelineId: number;
  firstRequestMs: number;
  request: Stats & { cpuMs: number };
  browser:
    | { skipped: string }
    | { coldMs: number; warm: { p50: number; max: number; count: number }; cards: number };
  load: number[];
};

/** The board page of the pipeline, as the web app asks for it (30 cards a column). */
export const boardPath = (pipelineId: number) =>
  `/api/app/board?pipeline_id=${pipelineId}&limit_per_stage=30`;

async function browserFigures(
  ctx: BenchContext,
  pipelineId: number,
  runs: number,
): Promise<BoardFigures['browser']> {
  const dist = loadConfig(process.env).webDistDir;
  if (!existsSync(path.join(dist, 'index.html'))) return { skipped: 'no built web app: npm run build first' };
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}` };
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'ru-RU' });
    const login = await context.request.post(`${ctx.url}/api/app/login`, { data: ctx.credentials });
    if (!login.ok()) return { skipped: `login failed: ${login.status()}` };
    const times: number[] = [];
    let cards = 0;
    for (let i = 0; i < runs; i++) {
      // A new page each time; the first run also has a cold HTTP cache for the app's assets.
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${ctx.url}/deals?pipeline=${pipelineId}`);
      await page.locator('[data-deal-id]').first().waitFor({ state: 'visible', timeout: 60_000 });
      times.push(performance.now() - t0);
      cards = await page.locator('[data-deal-id]').count();
      await page.close();
    }
    const [cold = 0, ...warm] = times;
    return { coldMs: cold, warm: percentiles(warm.length ? warm : [cold]), cards };
  } finally {
    await browser.close();
  }
}

export async function boardBench(
  ctx: BenchContext,
  deals: number,
  opts: { requests: number; browserRuns: number },
): Promise<BoardFigures> {
  const pipeline = await createPipeline(ctx.client, `Bench board ${Date.now()}`, [
    'Первичный контакт',
    'Переговоры',
    'Принимают решение',
    'Согласование договора',
  ]);
  await generateInto(ctx, deals, { pipelineId: pipeline.id });
  await waitForDispatcher(ctx.database);
  const path = boardPath(pipeline.id);
  const t0 = performance.now();
  const first = await ctx.client.request('GET', path);
  const firstRequestMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`board: ${first.status} ${first.body.slice(0, 300)}`);
  const cpu0 = cpuSeconds(ctx.pid);
  const stats = await sequential(ctx.client, [path], opts.requests);
  const request = { ...stats, cpuMs: ((cpuSeconds(ctx.pid) - cpu0) * 1000) / Math.max(1, stats.count + 10) };
  const browser =
    opts.browserRuns > 0 ? await browserFigures(ctx, pipeline.id, opts.browserRuns) : { skipped: 'asked' };
  return { deals, pipelineId: pipeline.id, firstRequestMs, request, browser, load: os.loadavg() };
}
