import { registerLogChannel } from '../channels/log-channel.ts';
import { dispatchAutomation } from './engine/dispatch.ts';
import { executeRun } from './engine/execute-run.ts';
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
  await rt.queue.work(automationRunJob, (job) => executeRun(rt, job.data.runId, job.attempt), {
    concurrency,
  });
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
