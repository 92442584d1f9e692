import { msg } from '../../http/messages.ts';
import { fieldError, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findRoles } from './roles.repo.ts';
import { findUserGroup } from './user-groups.repo.ts';

/** A role and a department named for a user must belong to the account. */
export async function checkUserRefs(
  ctx: Ctx,
  refs: { role_id?: number | null; group_id?: number | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (refs.role_id != null && (await findRoles(ctx.db, ctx.accountId, [refs.role_id])).length === 0) {
    errors.push(fieldError('NotFound', 'role_id', msg('user.no_role', { id: refs.role_id })));
  }
  if (refs.group_id != null && !(await findUserGroup(ctx.db, ctx.accountId, refs.group_id))) {
    errors.push(fieldError('NotFound', 'group_id', msg('user.no_group', { id: refs.group_id })));
  }
  return errors;
}
