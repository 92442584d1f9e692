import { registerLogChannel } from '../channels/log-channel.ts';
import { dispatchAutomation } from './engine/dispatch.ts';
import { executeRuns } from './engine/execute-run.ts';
import type { AutomationRuntime } from './engine/options.ts';
import { loadActions } from './engine/registry.ts';
import { automationRunJob } from './engine/run-job.ts';

/**
 * Starts this node's part of the digital pipeline: the run worker (every node) and the event
 * dispatcher loop (every node; the cursor row lock lets one pass run at a time). Returns stop.
 */
export async function startAutomation(rt: AutomationRuntime, concurrency = 4): Promise<() => Promise<void>> {
  await loadActions();
  registerLogChannel();
  const batchSize = rt.options.runBatchSize;
  await rt.queue.workBatch(
    automationRunJob,
    (jobs) =>
      executeRuns(
        rt,
        jobs.map((j) => ({ id: j.id, runId: j.data.runId, attempt: j.attempt })),
      ),
    // A batch holds SQLite's one writer for its length: two of them, so that one waiting for an
    // external action's answer leaves the other to run.
    batchSize > 1 ? { concurrency: 2, batchSize } : { concurrency },
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        // Drain: keep passing while full batches come back.
        while (!stopped) {
          const n = await dispatchAutomation(rt.db, rt.queue, {
            batchSize: rt.options.batchSize,
            gapGraceMs: 60_000,
          });
          if (n < rt.options.batchSize) break;
        }
      } catch (err) {
        rt.log.error({ err }, 'automation dispatcher pass failed');
      }
      if (!stopped) timer = setTimeout(tick, rt.options.pollIntervalMs);
    })();
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
