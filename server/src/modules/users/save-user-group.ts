import { nowSeconds } from '../../db/schema-helpers.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, fieldError, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { groupNameTaken, insertUserGroup, renameUserGroup } from './user-groups.repo.ts';

const taken = () => badRequest([fieldError('NotUnique', 'name', msg('group.name_taken'))]);

/** Adds a department ("Отдел продаж Киев"); names are unique in the account, any case. */
export function createUserGroup(ctx: Ctx, name: string) {
  return withTransaction(ctx, async ({ db, accountId }) => {
    if (await groupNameTaken(db, accountId, name)) throw taken();
    return insertUserGroup(db, accountId, name, nowSeconds());
  });
}

/** Renames a department. */
export function renameGroup(ctx: Ctx, id: number, name: string) {
  return withTransaction(ctx, async ({ db, accountId }) => {
    if (await groupNameTaken(db, accountId, name, id)) throw taken();
    const group = await renameUserGroup(db, accountId, id, name);
    if (!group) throw notFound(msg('group.not_found'));
    return group;
  });
}
