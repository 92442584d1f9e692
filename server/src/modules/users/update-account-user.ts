import type { UserPatchInput } from '@voronka/common';
import { lockForTransaction } from '../../db/locks.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { User, UserUpdate } from '../../db/types.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, fieldError, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { forgetPolicy } from '../policy/policy.ts';
import { checkUserRefs } from './check-user-refs.ts';
import { countActiveAdmins } from './user-groups.repo.ts';
import { deleteSessionsOf, findUser, findUserByEmail, normaliseEmail, updateUser } from './users.repo.ts';

/** Per-account key for the "keep one active administrator" check (above the fixed LOCKS keys). */
const adminsLockKey = (accountId: number) => 1_000_000_000 + accountId;

/** What the audit log keeps of a change of someone's access. */
const accessOf = (u: User) => ({
  role_id: u.role_id,
  group_id: u.group_id,
  is_admin: u.is_admin === 1,
  is_active: u.is_active === 1,
});

/**
 * An administrator edits a user (Settings -> Users and Settings -> Roles): name, e-mail,
 * language, admin flag, role, department, or deactivates / reactivates them. A deactivated user
 * is signed out everywhere and their tokens stop working. Nobody demotes or deactivates
 * themselves, and the account always keeps an active administrator (checked under a lock, so two
 * admins demoting each other cannot both win). A change of role, department, admin flag or
 * activity is an audited `role.changed` event on the user.
 */
export function updateAccountUser(ctx: Ctx, id: number, input: UserPatchInput): Promise<User> {
  return withTransaction(ctx, async ({ db, accountId, userId }) => {
    await lockForTransaction(db, adminsLockKey(accountId));
    const user = await findUser(db, accountId, id);
    if (!user) throw notFound(msg('user.not_found'));
    const errors = await checkUserRefs({ ...ctx, db }, input);
    if (id === userId && input.is_admin === false) {
      errors.push(fieldError('NotChangeable', 'is_admin', msg('user.own_admin')));
    }
    if (id === userId && input.is_active === false) {
      errors.push(fieldError('NotChangeable', 'is_active', msg('user.deactivate_self')));
    }
    if (input.email !== undefined && normaliseEmail(input.email) !== user.email) {
      const other = await findUserByEmail(db, input.email);
      if (other && other.id !== id) {
        errors.push(fieldError('NotUnique', 'email', msg('user.email_taken')));
      }
    }
    if (errors.length > 0) throw badRequest(errors);

    const patch: UserUpdate = { updated_at: nowSeconds() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.email !== undefined) patch.email = normaliseEmail(input.email);
    if (input.lang !== undefined) patch.lang = input.lang;
    if (input.is_admin !== undefined) patch.is_admin = input.is_admin ? 1 : 0;
    if (input.is_active !== undefined) patch.is_active = input.is_active ? 1 : 0;
    if (input.role_id !== undefined) patch.role_id = input.role_id;
    if (input.group_id !== undefined) patch.group_id = input.group_id;
    const updated = await updateUser(db, accountId, id, patch);
    if (!updated) throw notFound(msg('user.not_found'));
    if ((await countActiveAdmins(db, accountId)) === 0) {
      throw badRequest([fieldError('NotChangeable', 'is_admin', msg('user.keep_admin'))]);
    }
    if (input.is_active === false) await deleteSessionsOf(db, id);
    const before = accessOf(user);
    const after = accessOf(updated);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordEvents(db, [
        {
          accountId,
          type: 'role.changed',
          entityType: 'users',
          entityId: id,
          createdBy: userId,
          before: [before],
          after: [after],
        },
      ]);
      if (ctx.user?.id === id) forgetPolicy(ctx.user);
    }
    return updated;
  });
}
