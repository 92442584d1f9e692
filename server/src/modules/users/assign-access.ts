import { nowSeconds } from '../../db/schema-helpers.ts';
import type { User } from '../../db/types.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { forgetPolicy } from '../policy/policy.ts';
import { findUser, updateUser } from './users.repo.ts';

export type AccessInput = {
  role_id?: number | null | undefined;
  group_id?: number | null | undefined;
  is_admin?: boolean | undefined;
  is_active?: boolean | undefined;
};

/**
 * Gives a user a role, a group, the administrator flag or deactivates them. The account keeps at
 * least one active administrator; the change is an audited `role.changed` event on the user.
 */
export function assignAccess(ctx: Ctx, userId: number, input: AccessInput): Promise<User> {
  return withTransaction(ctx, async (c) => {
    const user = await findUser(c.db, c.accountId, userId);
    if (!user) throw notFound('User not found');
    const errors: FieldError[] = [];
    if (input.role_id) {
      const role = await c.db
        .selectFrom('roles')
        .select('id')
        .where('account_id', '=', c.accountId)
        .where('id', '=', input.role_id)
        .executeTakeFirst();
      if (!role)
        errors.push({ code: 'NotFound', path: 'role_id', detail: `Role ${input.role_id} not found` });
    }
    if (input.group_id) {
      const group = await c.db
        .selectFrom('user_groups')
        .select('id')
        .where('account_id', '=', c.accountId)
        .where('id', '=', input.group_id)
        .executeTakeFirst();
      if (!group)
        errors.push({ code: 'NotFound', path: 'group_id', detail: `Group ${input.group_id} not found` });
    }
    const losesAdmin =
      user.is_admin === 1 && user.is_active === 1 && (input.is_admin === false || input.is_active === false);
    if (losesAdmin) {
      const admins = await c.db
        .selectFrom('users')
        .select('id')
        .where('account_id', '=', c.accountId)
        .where('is_admin', '=', 1)
        .where('is_active', '=', 1)
        .execute();
      if (admins.length <= 1)
        errors.push({
          code: 'LastAdmin',
          path: 'is_admin',
          detail: 'The account needs an active administrator',
        });
    }
    if (errors.length > 0) throw badRequest(errors);
    const updated = await updateUser(c.db, c.accountId, userId, {
      ...(input.role_id !== undefined ? { role_id: input.role_id } : {}),
      ...(input.group_id !== undefined ? { group_id: input.group_id } : {}),
      ...(input.is_admin !== undefined ? { is_admin: input.is_admin ? 1 : 0 } : {}),
      ...(input.is_active !== undefined ? { is_active: input.is_active ? 1 : 0 } : {}),
      updated_at: nowSeconds(),
    });
    if (!updated) throw notFound('User not found');
    const pick = (u: User) => ({
      role_id: u.role_id,
      group_id: u.group_id,
      is_admin: u.is_admin === 1,
      is_active: u.is_active === 1,
    });
    await recordEvents(c.db, [
      {
        accountId: c.accountId,
        type: 'role.changed',
        entityType: 'users',
        entityId: userId,
        createdBy: c.userId,
        before: [pick(user)],
        after: [pick(updated)],
      },
    ]);
    if (c.user) forgetPolicy(c.user);
    return updated;
  });
}
