import { inTransaction, type Ctx } from '../context.ts';

/**
 * Runs `fn` in the caller's transaction when `ctx.db` already is one (a command called by
 * another command, e.g. POST /leads/complex creating contacts), else in a new one, so every
 * command's rows and events commit together either way.
 */
export function runInTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn(inTransaction(ctx, trx)));
}

/** Joins path parts the way amoCRM's validation errors name them: `0.custom_fields_values.1`. */
export const joinPath = (...parts: Array<string | number>): string =>
  parts
    .map((p) => String(p).replace(/^\.+|\.+$/g, ''))
    .filter((p) => p !== '')
    .join('.');
