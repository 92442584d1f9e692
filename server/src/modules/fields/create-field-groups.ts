import { randomInt } from 'node:crypto';
import type { EntityType } from '../../db/types-crm.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import type { Ctx } from '../context.ts';
import { insertGroup } from './field-groups.repo.ts';
import { runInTransaction } from './run-in-transaction.ts';

/**
 * A new group id: amoCRM's are time-based; ours are milliseconds * 1000 + a random part, a
 * number below 2^53 (the reference spec types group ids as integers) stored as text.
 */
const newGroupId = (): string => String(Date.now() * 1000 + randomInt(1000));

export async function createFieldGroups(
  ctx: Ctx,
  entityType: EntityType,
  items: Array<{ name: string; sort?: number | undefined; request_id?: string | undefined }>,
): Promise<Array<{ id: string; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const results: Array<{ id: string; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const id = newGroupId();
      await insertGroup(tx.db, {
        id,
        account_id: tx.accountId,
        entity_type: entityType,
        name: item.name,
        sort: item.sort ?? (i + 1) * 10,
        is_predefined: 0,
      });
      results.push({ id, request_id: requestIdOf(item, i) });
    }
    return results;
  });
}
