import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { findTag, findTagByName, updateTagRow } from './tags-admin.repo.ts';

export type TagPatch = { name?: string | undefined; color?: string | null | undefined };

/**
 * Renames or recolours a tag everywhere it is used. Renaming onto another tag's name is refused
 * (names are unique per entity type, any case); a colour is six hex digits, null for none.
 */
export function updateTag(ctx: Ctx, entityType: EntityType, id: number, patch: TagPatch) {
  return withTransaction(ctx, async ({ db, accountId }) => {
    const tag = await findTag(db, accountId, entityType, id);
    if (!tag) throw notFound('Tag not found');
    const next: { name?: string; name_lc?: string; color?: string | null } = {};
    if (patch.name !== undefined && patch.name !== tag.name) {
      const other = await findTagByName(db, accountId, entityType, patch.name);
      if (other && other.id !== id) {
        throw badRequest([{ code: 'NotUnique', path: 'name', detail: 'Another tag already has this name' }]);
      }
      next.name = patch.name;
      next.name_lc = patch.name.toLowerCase();
    }
    if (patch.color !== undefined) next.color = patch.color === null ? null : patch.color.toUpperCase();
    if (Object.keys(next).length > 0) await updateTagRow(db, accountId, id, next);
    return { id, name: next.name ?? tag.name, color: next.color === undefined ? tag.color : next.color };
  });
}
