import type { EntityType } from '../../db/types-crm.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findGroup, updateGroup, type FieldGroup } from './field-groups.repo.ts';

export async function updateFieldGroup(
  ctx: Ctx,
  entityType: EntityType,
  id: string,
  patch: { name?: string | undefined; sort?: number | undefined },
): Promise<FieldGroup> {
  const group = await findGroup(ctx.db, ctx.accountId, entityType, id);
  if (!group) throw notFound(`No field group ${id}`);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
  };
  if (Object.keys(set).length > 0) await updateGroup(ctx.db, ctx.accountId, id, set);
  return { ...group, ...set };
}
