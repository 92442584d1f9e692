import type { FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { joinPath } from '../fields/run-in-transaction.ts';
import { findUser } from '../users/users.repo.ts';

/**
 * The users an entity write names must belong to the account: `responsible_user_id` any user,
 * `created_by` / `updated_by` a user or 0 (the robot).
 */
export async function checkUsers(
  ctx: Ctx,
  input: {
    responsible_user_id?: number | undefined;
    created_by?: number | undefined;
    updated_by?: number | undefined;
  },
  path: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const key of ['responsible_user_id', 'created_by', 'updated_by'] as const) {
    const id = input[key];
    if (id === undefined || (id === 0 && key !== 'responsible_user_id')) continue;
    if (!(await findUser(ctx.db, ctx.accountId, id))) {
      errors.push({ code: 'NotFound', path: joinPath(path, key), detail: `No user ${id} in this account` });
    }
  }
  return errors;
}
