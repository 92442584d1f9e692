import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Account, DB, User } from '../db/types.ts';
import { requireAuth } from '../http/auth.ts';
import type { JobQueue } from '../jobs/queue.ts';

/**
 * What every command receives: the database (or the transaction it runs in), the account it acts
 * in, and who acts. `userId` 0 is the robot (automation, integrations), as in amoCRM.
 */
export type Ctx = {
  db: Kysely<DB>;
  account: Account;
  accountId: number;
  userId: number;
  /** The acting user, absent for the robot. */
  user: User | null;
  queue: JobQueue | null;
};

/** The context of a signed-in request (401 when nobody is signed in). */
export function ctxOf(app: FastifyInstance, request: FastifyRequest): Ctx {
  const auth = requireAuth(request);
  return {
    db: app.deps.database.db,
    account: auth.account,
    accountId: auth.account.id,
    userId: auth.user.id,
    user: auth.user,
    queue: app.deps.queue,
  };
}

/** The same context bound to a transaction, for commands that call other commands. */
export const inTransaction = (ctx: Ctx, trx: Kysely<DB>): Ctx => ({ ...ctx, db: trx });

/** A robot context for automation and importers. */
export const robotCtx = (ctx: Ctx): Ctx => ({ ...ctx, userId: 0, user: null });
