import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { deleteGroup, findGroup } from './field-groups.repo.ts';
import { runInTransaction } from './run-in-transaction.ts';

/** Deletes a group; its fields stay, ungrouped. Predefined groups stay. */
export async function deleteFieldGroup(ctx: Ctx, entityType: EntityType, id: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const group = await findGroup(tx.db, tx.accountId, entityType, id);
    if (!group) throw notFound(`No field group ${id}`);
    if (group.is_predefined === 1) {
      throw badRequest([
        { code: 'NotDeletable', path: 'id', detail: 'A predefined group cannot be deleted' },
      ]);
    }
    await deleteGroup(tx.db, tx.accountId, id);
  });
}
