import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The chain depth of the automation run whose action is executing (absent outside one). Events
 * the robot writes meanwhile carry it (`events.automation_depth`), so the triggers they fire are
 * one step deeper and a loop stops at the limit. Carried by the async context rather than passed
 * down, because an action writes events through the ordinary modules (deals, tags, tasks, ...).
 */
const depth = new AsyncLocalStorage<number>();

export const withRobotDepth = <T>(runDepth: number, work: () => Promise<T>): Promise<T> =>
  depth.run(runDepth, work);

export const currentRobotDepth = (): number | undefined => depth.getStore();
