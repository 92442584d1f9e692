import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { contains } from '../search/search.repo.ts';

export type TagRow = { id: number; name: string; color: string | null };

const tags = (db: Kysely<DB>, accountId: number, entityType: EntityType) =>
  db
    .selectFrom('tags')
    .select(['id', 'name', 'color'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType);

export type TagFilter = { query?: string; names?: string[]; ids?: number[] };

/** One page of tags by id (limit + 1 rows): `query` is a substring, `names` exact (any case). */
export async function listTags(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  filter: TagFilter,
  page: { limit: number; offset: number },
): Promise<TagRow[]> {
  let q = tags(db, accountId, entityType);
  if (filter.query) q = q.where(contains('name_lc', filter.query.toLowerCase()));
  if (filter.names)
    q = q.where('name_lc', 'in', filter.names.length > 0 ? filter.names.map((n) => n.toLowerCase()) : ['']);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

export async function tagsByIds(db: Kysely<DB>, accountId: number, entityType: EntityType, ids: number[]) {
  if (ids.length === 0) return [];
  return tags(db, accountId, entityType).where('id', 'in', ids).execute();
}

export async function tagsByNames(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  names: string[],
) {
  if (names.length === 0) return [];
  return tags(db, accountId, entityType)
    .select('name_lc')
    .where(
      'name_lc',
      'in',
      names.map((n) => n.toLowerCase()),
    )
    .execute();
}

/** The tag with this name (any case), created if missing; concurrent creators get the same row. */
export async function upsertTag(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  name: string,
  color: string | null,
): Promise<TagRow> {
  await db
    .insertInto('tags')
    .values({ account_id: accountId, entity_type: entityType, name, name_lc: name.toLowerCase(), color })
    .onConflict((oc) => oc.columns(['account_id', 'entity_type', 'name_lc']).doNothing())
    .execute();
  return tags(db, accountId, entityType).where('name_lc', '=', name.toLowerCase()).executeTakeFirstOrThrow();
}

export async function entityTagIds(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
) {
  const rows = await db
    .selectFrom('entity_tags')
    .select('tag_id')
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.map((r) => r.tag_id);
}

export async function linkTags(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  tagIds: number[],
) {
  if (tagIds.length === 0) return;
  await db
    .insertInto('entity_tags')
    .values(
      tagIds.map((tag_id) => ({
        account_id: accountId,
        entity_type: entityType,
        entity_id: entityId,
        tag_id,
      })),
    )
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'tag_id']).doNothing())
    .execute();
}

export async function unlinkTags(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  tagIds: number[],
) {
  if (tagIds.length === 0) return;
  await db
    .deleteFrom('entity_tags')
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('tag_id', 'in', tagIds)
    .execute();
}

export async function tagsOfEntities(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityIds: number[],
) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity_tags as et')
    .innerJoin('tags as t', 't.id', 'et.tag_id')
    .select(['et.entity_id', 't.id', 't.name', 't.color'])
    .where('et.account_id', '=', accountId)
    .where('et.entity_type', '=', entityType)
    .where('et.entity_id', 'in', entityIds)
    .orderBy('t.id')
    .execute();
}
