import { nowSeconds } from '../../db/schema-helpers.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { Ctx } from '../context.ts';
import { deleteSessionsOf, findUser, updateUser } from './users.repo.ts';

/**
 * An administrator sets a new password for a user and signs them out of every session, so an old
 * password that may have leaked stops working at once. An admin resetting their own password
 * keeps the session they are using (`keepSessionId`).
 */
export async function resetUserPassword(
  ctx: Ctx,
  id: number,
  password: string,
  keepSessionId?: string,
): Promise<void> {
  const user = await findUser(ctx.db, ctx.accountId, id);
  if (!user) throw notFound(msg('user.not_found'));
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, ctx.accountId, id, { password_hash: hash, updated_at: nowSeconds() });
    await deleteSessionsOf(trx, id, id === ctx.userId ? keepSessionId : undefined);
  });
}
