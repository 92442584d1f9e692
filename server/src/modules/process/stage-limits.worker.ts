import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { sweepStageLimits } from './stage-limits.ts';

/** Checks the stage time limits every few minutes (a first pass shortly after start). Returns stop. */
export function startStageLimitSweeper(
  db: Kysely<DB>,
  log: FastifyBaseLogger,
  everyMs = 5 * 60_000,
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sweepStageLimits(db)
      .then((n) => {
        if (n > 0) log.info({ alerted: n }, 'stage time limits: deals over the limit');
      })
      .catch((err: unknown) => log.error({ err }, 'stage time limit sweep failed'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
