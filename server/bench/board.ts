// The board (issue 4): a pipeline of N generated deals, half of them in its first stage; the
// board's first data request on the server (GET /api/app/board, as the web app sends it), the time
// to the first card painted in Chromium from navigation, and scrolling down that big column (the
// issue: "a column of 50,000 deals scrolls smoothly"): frame times while it scrolls and loads
// further pages, the cards in the DOM (virtualized) and the page's JS heap.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { chromiumPath, launchChromium } from '../src/test/chromium.ts';
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
  scroll: ScrollFigures | { skipped: string };
  bigColumn: number;
  load: number[];
};

export type ScrollFigures = {
  seconds: number;
  frames: number;
  frame: { p50: number; p95: number; max: number };
  longFrames: number;
  scrolledPx: number;
  loaded: number;
  domCards: number;
  heapMiB: number;
};

/** The board page of the pipeline, as the web app asks for it (30 cards a column). */
export const boardPath = (pipelineId: number) =>
  `/api/app/board?pipeline_id=${pipelineId}&limit_per_stage=30`;

/**
 * Scrolls the column of `stageId` down for `seconds`, `pxPerFrame` each animation frame (about
 * 20 cards a second at 60 frames a second and 40 px), as a wheel would, while the page loads
 * further pages of 30 as the end comes near. Frame intervals are taken inside the page.
 */
async function scrollFigures(
  page: Page,
  stageId: number,
  seconds: number,
  pxPerFrame: number,
): Promise<ScrollFigures> {
  const scroller = page.locator(`[data-stage-id="${stageId}"] [data-testid="column-scroller"]`);
  await scroller.locator('[data-deal-id]').first().waitFor({ state: 'visible', timeout: 60_000 });
  // A string, not a function: tsx's transform would add helpers the page does not have.
  const selector = `[data-stage-id="${stageId}"] [data-testid="column-scroller"]`;
  const result = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const intervals = [];
    const start = performance.now();
    const top0 = el.scrollTop;
    let last = start;
    function step(now) {
      intervals.push(now - last);
      last = now;
      el.scrollTop += ${pxPerFrame};
      if (now - start < ${seconds * 1000}) requestAnimationFrame(step);
      else resolve({ intervals: intervals.slice(1), scrolledPx: el.scrollTop - top0 });
    }
    requestAnimationFrame(step);
  })`)) as { intervals: number[]; scrolledPx: number };
  const indexes = await scroller
    .locator('[data-index]')
    .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-index'))));
  const loaded = Math.max(0, ...indexes) + 1;
  const domCards = await scroller.locator('[data-deal-id]').count();
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  const sorted = [...result.intervals].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    seconds,
    frames: sorted.length,
    frame: { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 },
    longFrames: sorted.filter((x) => x > 50).length,
    scrolledPx: result.scrolledPx,
    loaded,
    domCards,
    heapMiB: heap / 2 ** 20,
  };
}

async function browserFigures(
  ctx: BenchContext,
  pipelineId: number,
  runs: number,
  bigStageId: number,
): Promise<Pick<BoardFigures, 'browser' | 'scroll'>> {
  const dist = loadConfig(process.env).webDistDir;
  const skip = (skipped: string) => ({ browser: { skipped }, scroll: { skipped } });
  if (!existsSync(path.join(dist, 'index.html'))) return skip('no built web app: npm run build first');
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) return skip(`no Chromium at ${executablePath}`);
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'ru-RU' });
    const login = await context.request.post(`${ctx.url}/api/app/login`, { data: ctx.credentials });
    if (!login.ok()) return skip(`login failed: ${login.status()}`);
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
    const page = await context.newPage();
    await page.goto(`${ctx.url}/deals?pipeline=${pipelineId}`);
    const scroll = await scrollFigures(page, bigStageId, 15, 40);
    await page.close();
    return { browser: { coldMs: cold, warm: percentiles(warm.length ? warm : [cold]), cards }, scroll };
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
  // Half the deals in the first stage (the column of 50,000 at the default 100,000).
  const bigStageId = pipeline.stage('Первичный контакт');
  const bigColumn = Math.floor(deals / 2);
  await generateInto(ctx, bigColumn, { pipelineId: pipeline.id, stageId: bigStageId });
  await generateInto(ctx, deals - bigColumn, { pipelineId: pipeline.id });
  await waitForDispatcher(ctx.database);
  const path = boardPath(pipeline.id);
  const t0 = performance.now();
  const first = await ctx.client.request('GET', path);
  const firstRequestMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`board: ${first.status} ${first.body.slice(0, 300)}`);
  const cpu0 = cpuSeconds(ctx.pid);
  const stats = await sequential(ctx.client, [path], opts.requests);
  const request = { ...stats, cpuMs: ((cpuSeconds(ctx.pid) - cpu0) * 1000) / Math.max(1, stats.count + 10) };
  const { browser, scroll } =
    opts.browserRuns > 0
      ? await browserFigures(ctx, pipeline.id, opts.browserRuns, bigStageId)
      : { browser: { skipped: 'asked' }, scroll: { skipped: 'asked' } };
  return {
    deals,
    pipelineId: pipeline.id,
    firstRequestMs,
    request,
    browser,
    scroll,
    bigColumn,
    load: os.loadavg(),
  };
}
