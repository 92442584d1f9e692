import type { Ctx } from '../context.ts';
import { inTransaction } from '../context.ts';

/**
 * Runs `fn` in one transaction: the caller's, when the context is already bound to one (a
 * command called by another command), else a new one. All of a request's writes commit together
 * or not at all.
 */
export function withTransaction<T>(ctx: Ctx, fn: (trxCtx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn(inTransaction(ctx, trx)));
}
