import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';

export type TagWithUses = { id: number; name: string; color: string | null; uses: number };

/** Every tag of an entity type with how many records carry it, by name. */
export async function listTagsWithUses(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
): Promise<TagWithUses[]> {
  const rows = await db
    .selectFrom('tags as t')
    .leftJoin('entity_tags as et', (join) =>
      join.onRef('et.tag_id', '=', 't.id').onRef('et.account_id', '=', 't.account_id'),
    )
    .select(['t.id', 't.name', 't.color', (eb) => eb.fn.count<number>('et.entity_id').as('uses')])
    .where('t.account_id', '=', accountId)
    .where('t.entity_type', '=', entityType)
    .groupBy(['t.id', 't.name', 't.name_lc', 't.color'])
    .orderBy('t.name_lc')
    .execute();
  return rows.map((r) => ({ ...r, uses: Number(r.uses) }));
}

export const findTag = (db: Kysely<DB>, accountId: number, entityType: EntityType, id: number) =>
  db
    .selectFrom('tags')
    .select(['id', 'name', 'name_lc', 'color'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('id', '=', id)
    .executeTakeFirst();

export const findTagByName = (db: Kysely<DB>, accountId: number, entityType: EntityType, name: string) =>
  db
    .selectFrom('tags')
    .select(['id'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('name_lc', '=', name.toLowerCase())
    .executeTakeFirst();

export async function updateTagRow(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: { name?: string; name_lc?: string; color?: string | null },
): Promise<void> {
  await db.updateTable('tags').set(patch).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Deletes a tag; the records that carried it lose it (entity_tags rows go with it). */
export async function deleteTagRow(db: Kysely<DB>, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('entity_tags').where('account_id', '=', accountId).where('tag_id', '=', id).execute();
  await db.deleteFrom('tags').where('account_id', '=', accountId).where('id', '=', id).execute();
}
