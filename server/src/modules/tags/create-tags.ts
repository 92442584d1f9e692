import type { EntityType } from '../../db/types-crm.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import type { Ctx } from '../context.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { upsertTag, type TagRow } from './tags.repo.ts';

export type TagCreateInput = { name: string; color?: string | undefined; request_id?: string | undefined };

/**
 * Creates tags of an entity type. A name that exists (in any case) answers the existing tag, so
 * repeating a request is harmless; its color is kept.
 */
export async function createTags(
  ctx: Ctx,
  entityType: EntityType,
  items: TagCreateInput[],
): Promise<Array<TagRow & { request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const out: Array<TagRow & { request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const tag = await upsertTag(
        tx.db,
        tx.accountId,
        entityType,
        item.name,
        item.color?.toUpperCase() ?? null,
      );
      out.push({ id: tag.id, name: tag.name, color: tag.color, request_id: requestIdOf(item, i) });
    }
    return out;
  });
}
