import type { Kysely, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import type { PassThroughPlugin } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';

/**
 * Marks a database handle as the robot's, at the chain depth of the automation run it acts for.
 * Queries pass through it untouched: it only travels with the handle, into the transactions
 * opened from it and the Transaction handles derived from them.
 */
class RobotDepth implements PassThroughPlugin {
  readonly passThrough = true;
  constructor(readonly depth: number) {}
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

/**
 * The handle an action of a run at `depth` works through. Events written with it (or with a
 * transaction opened from it) carry the depth (`events.automation_depth`), so the triggers they
 * fire are one step deeper and a loop stops at the limit. It travels with the database handle
 * that every module already receives, not with the async context: an AsyncLocalStorage would
 * put a hook on every promise of the server (about 5% of its CPU time in the automation bench).
 */
export const withRobotDepth = (db: Kysely<DB>, depth: number): Kysely<DB> =>
  db.withPlugin(new RobotDepth(depth));

/** The chain depth a handle was marked with, or undefined outside an automation run. */
export function robotDepthOf(db: Kysely<DB>): number | undefined {
  const plugins = db.getExecutor().plugins;
  for (let i = plugins.length - 1; i >= 0; i--) {
    const plugin = plugins[i];
    if (plugin instanceof RobotDepth) return plugin.depth;
  }
  return undefined;
}
