// Prints the scenario figures, each with its target and whether it was met, and the machine's
// load average next to them (on a shared machine wall times move with the load; the server's
// CPU time per request does much less).
import type { BurstFigures, DelayedFigures } from './automation.ts';
import type { BoardFigures } from './board.ts';
import type { FormFigures } from './forms.ts';
import { line, verdict } from './scenario.ts';

const load = (l: number[]) => `load ${l.map((x) => x.toFixed(2)).join(' ')}`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const outcomes = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');

export function printBoard(b: BoardFigures) {
  console.log(`\n# Board: pipeline ${b.pipelineId} with ${b.deals} generated deals (${load(b.load)})`);
  line(
    'GET /api/app/board, first request',
    `${ms(b.firstRequestMs)}; ${verdict(b.firstRequestMs, 50, 'ms')}`,
  );
  const r = b.request;
  line(
    'GET /api/app/board p50 / p95',
    `${ms(r.p50)} / ${ms(r.p95)} (${r.count} requests, ${r.errors} errors; server CPU ${r.cpuMs.toFixed(1)} ms/request); ${verdict(r.p50, 50, 'ms')}`,
  );
  if ('skipped' in b.browser) line('Chromium: first card on the board', `skipped: ${b.browser.skipped}`);
  else {
    line(
      'Chromium: navigation to first card, cold',
      `${ms(b.browser.coldMs)}; ${verdict(b.browser.coldMs, 1500, 'ms')}`,
    );
    line(
      '  warm (app cached) p50 / max',
      `${ms(b.browser.warm.p50)} / ${ms(b.browser.warm.max)} (${b.browser.warm.count} loads, ${b.browser.cards} cards shown); ${verdict(b.browser.warm.p50, 1500, 'ms')}`,
    );
  }
  const s = b.scroll;
  if ('skipped' in s) line(`Chromium: scrolling the column of ${b.bigColumn}`, `skipped: ${s.skipped}`);
  else {
    line(
      `Chromium: scrolling the column of ${b.bigColumn} for ${s.seconds} s`,
      `${s.scrolledPx.toFixed(0)} px, down to card ${s.loaded}, ${s.domCards} in the DOM, JS heap ${s.heapMiB.toFixed(1)} MiB`,
    );
    line(
      '  frame interval p50 / p95 / max',
      `${ms(s.frame.p50)} / ${ms(s.frame.p95)} / ${ms(s.frame.max)} (${s.frames} frames, ${s.longFrames} over 50 ms); no numeric target (the issue: "scrolls smoothly")`,
    );
  }
}

export function printForms(f: FormFigures) {
  const s = f.submissions;
  const rate = s.count / s.seconds;
  console.log(
    `\n# Web form → deal on the board of pipeline ${f.pipelineId}, duplicate control against ${f.contactsBefore} contacts (${load(f.load)})`,
  );
  line(
    'submissions/s end to end',
    `${rate.toFixed(1)} (${s.count} in ${s.seconds.toFixed(0)} s, ${s.errors} not seen on the board within 10 s); no target set`,
  );
  line(
    '  POST /public/forms/:uid p50 / p95 / max',
    `${ms(f.post.p50)} / ${ms(f.post.p95)} / ${ms(f.post.max)}`,
  );
  line(
    '  submission → deal visible on the board p50 / p95 / max',
    `${ms(f.visible.p50)} / ${ms(f.visible.p95)} / ${ms(f.visible.max)} (from the post until the board's first page shows it)`,
  );
  line('  server CPU per submission (incl. board polls)', ms(f.cpuMsPerSubmission));
  line(
    `  duplicate control (arrivals: ${f.duplicateMode})`,
    `${f.duplicatePosts} posts with a known phone, ${f.newContacts} new contacts for ${s.count} posts`,
  );
}

export function printAutomation(burst: BurstFigures | null, delayed: DelayedFigures | null) {
  if (burst) {
    console.log(
      `\n# Digital pipeline: ${burst.deals} deals moved into a stage with 3 triggers (${load(burst.load)})`,
    );
    line('moving the deals (PATCH /api/v4/leads, 250 each)', `${burst.moveSeconds.toFixed(1)} s`);
    line(
      `time until all ${burst.deals * 3} actions ran`,
      `${burst.allDoneSeconds.toFixed(1)} s${burst.timedOut ? ' (TIMED OUT)' : ''} (${(burst.actions / burst.allDoneSeconds).toFixed(0)} actions/s; ${outcomes(burst.outcomes)}); ${verdict(burst.allDoneSeconds, 30, 's')}`,
    );
    line(
      '  server CPU for moves + actions',
      `${burst.serverCpuSeconds.toFixed(1)} s (${((burst.serverCpuSeconds * 1000) / Math.max(1, burst.actions)).toFixed(2)} ms/action); peak RSS ${burst.peakRss.toFixed(0)} MiB`,
    );
  }
  if (delayed) {
    const d = delayed;
    console.log(
      `\n# Digital pipeline: ${d.pending} pending delayed actions; ${d.fired} of them come due at ${d.ratePerSecond.toFixed(0)}/s (${load(d.load)})`,
    );
    line('scheduling them (one trigger saved, apply to existing)', `${d.scheduleSeconds.toFixed(1)} s`);
    line(
      'server RSS before / with them pending / peak',
      `${d.rssBefore.toFixed(0)} / ${d.rssPending.toFixed(0)} / ${d.peakRss.toFixed(0)} MiB`,
    );
    line(
      'first due → last done',
      `${d.firstDueToLastDoneSeconds.toFixed(1)} s${d.timedOut ? ' (TIMED OUT)' : ''} (${outcomes(d.outcomes)})`,
    );
    line(
      'lateness past due (done) p50 / p95 / max',
      `${ms(d.lateness.p50)} / ${ms(d.lateness.p95)} / ${ms(d.lateness.max)}; ${d.lateness.over2s} later than 2 s; ${verdict(d.lateness.max / 1000, 2, 's')}`,
    );
    line(
      '  job start past due p50 / p95 / max',
      `${ms(d.startLateness.p50)} / ${ms(d.startLateness.p95)} / ${ms(d.startLateness.max)}`,
    );
    line(
      '  server CPU for scheduling + firing',
      `${d.serverCpuSeconds.toFixed(1)} s (${((d.serverCpuSeconds * 1000) / Math.max(1, d.pending)).toFixed(2)} ms/action)`,
    );
  }
}
