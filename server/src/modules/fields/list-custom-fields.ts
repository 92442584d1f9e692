import type { EntityType } from '../../db/types-crm.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultFields } from './ensure-default-fields.ts';
import { findField, listFields, type FieldWithEnums } from './fields.repo.ts';

/** One page of fields (limit + 1 rows), the predefined ones made on first look. */
export async function listCustomFields(
  ctx: Ctx,
  entityType: EntityType,
  page: { limit: number; offset: number; types: string[] },
): Promise<FieldWithEnums[]> {
  await ensureDefaultFields(ctx.db, ctx.accountId);
  return listFields(ctx.db, ctx.accountId, entityType, page);
}

export async function getCustomField(ctx: Ctx, entityType: EntityType, id: number): Promise<FieldWithEnums> {
  await ensureDefaultFields(ctx.db, ctx.accountId);
  const field = await findField(ctx.db, ctx.accountId, entityType, id);
  if (!field) throw notFound(`No custom field ${id}`);
  return field;
}
