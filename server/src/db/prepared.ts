import type { CompiledQuery, Compilable, Kysely, KyselyPlugin } from 'kysely';
import type { DB } from './types.ts';

/**
 * A plugin that leaves every query as it is (it only travels with a handle, like the robot's
 * chain depth): a prepared query compiled once still fits a handle that carries it.
 */
export interface PassThroughPlugin extends KyselyPlugin {
  readonly passThrough: true;
}

const isPassThrough = (plugin: KyselyPlugin): boolean =>
  (plugin as Partial<PassThroughPlugin>).passThrough === true;

/** Where a parameter goes while the query is built and compiled once. */
class Slot {
  constructor(readonly name: string) {}
}

const slots = new Proxy(
  {},
  { get: (_target, name) => (typeof name === 'string' ? new Slot(name) : undefined) },
);

type Template = { compiled: CompiledQuery; names: Array<string | undefined> };

export type PreparedQuery<P, R> = {
  /** All rows (of a select, or of an insert / update / delete with `returning`). */
  rows: (db: Kysely<DB>, params: P) => Promise<R[]>;
  first: (db: Kysely<DB>, params: P) => Promise<R | undefined>;
  /** Rows inserted, updated or deleted. */
  affected: (db: Kysely<DB>, params: P) => Promise<number>;
  /** The SQL and parameters it runs (for EXPLAIN in tests). */
  compile: (db: Kysely<DB>, params: P) => CompiledQuery<R>;
};

/**
 * A hot query built and compiled once per dialect, then run with new parameters: Kysely builds
 * and compiles a query afresh each time it runs, about 5–12 µs of CPU each (a sixth of the
 * server's CPU in the automation burst). `build` gets stand-ins for the parameters, so it must
 * not depend on their values: plain values in comparisons, inserted or set values, no `in` lists
 * of them, no `is` with them, no branching on them. Constants in it stay as they are.
 * A handle with a plugin that rewrites queries gets the query built with the real values instead.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Kysely<DB>, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  // Keyed by the dialect's adapter, which a Kysely instance shares with its transactions.
  const templates = new WeakMap<object, Template>();

  function compiledFor(db: Kysely<DB>, params: P): CompiledQuery<R> {
    const executor = db.getExecutor();
    if (!executor.plugins.every(isPassThrough)) return build(db, params).compile();
    let template = templates.get(executor.adapter);
    if (!template) {
      const compiled = build(db, slots as P).compile();
      const names = compiled.parameters.map((value) => (value instanceof Slot ? value.name : undefined));
      template = { compiled, names };
      templates.set(executor.adapter, template);
    }
    const { compiled, names } = template;
    const parameters = compiled.parameters.map((value, i) => {
      const name = names[i];
      if (name === undefined) return value;
      const bound = params[name];
      if (bound === undefined) throw new Error(`Prepared query parameter "${name}" is undefined`);
      return bound;
    });
    return { ...compiled, parameters } as CompiledQuery<R>;
  }

  return {
    rows: async (db, params) => (await db.executeQuery(compiledFor(db, params))).rows,
    first: async (db, params) => (await db.executeQuery(compiledFor(db, params))).rows[0],
    affected: async (db, params) =>
      Number((await db.executeQuery(compiledFor(db, params))).numAffectedRows ?? 0),
    compile: compiledFor,
  };
}
