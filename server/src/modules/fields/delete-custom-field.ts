import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findField, updateField } from './fields.repo.ts';

/**
 * Deletes a field: it leaves every list and entity at once (its code becomes free again); its
 * stored values stay in the table but are never read. Predefined fields cannot be deleted.
 */
export async function deleteCustomField(ctx: Ctx, entityType: EntityType, id: number): Promise<void> {
  const field = await findField(ctx.db, ctx.accountId, entityType, id);
  if (!field) throw notFound(`No custom field ${id}`);
  if (field.is_deletable !== 1) {
    throw badRequest([{ code: 'NotDeletable', path: 'id', detail: 'A predefined field cannot be deleted' }]);
  }
  const now = nowSeconds();
  await updateField(ctx.db, ctx.accountId, id, { deleted_at: now, updated_at: now });
}
