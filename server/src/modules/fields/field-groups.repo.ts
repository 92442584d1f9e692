import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';

export type FieldGroup = {
  id: string;
  entity_type: EntityType;
  name: string;
  sort: number;
  is_predefined: number;
};

const groups = (db: Kysely<DB>, accountId: number, entityType: EntityType) =>
  db
    .selectFrom('custom_field_groups')
    .select(['id', 'entity_type', 'name', 'sort', 'is_predefined'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType);

export const listGroups = (
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  page: { limit: number; offset: number },
): Promise<FieldGroup[]> =>
  groups(db, accountId, entityType)
    .orderBy('sort')
    .orderBy('id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();

export const findGroup = (
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  id: string,
): Promise<FieldGroup | undefined> =>
  groups(db, accountId, entityType).where('id', '=', id).executeTakeFirst();

export async function insertGroup(db: Kysely<DB>, row: FieldGroup & { account_id: number }): Promise<void> {
  await db.insertInto('custom_field_groups').values(row).execute();
}

export async function updateGroup(
  db: Kysely<DB>,
  accountId: number,
  id: string,
  patch: { name?: string; sort?: number },
): Promise<void> {
  await db
    .updateTable('custom_field_groups')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Deletes a group; its fields stay, ungrouped. */
export async function deleteGroup(db: Kysely<DB>, accountId: number, id: string): Promise<void> {
  await db
    .updateTable('custom_fields')
    .set({ group_id: null })
    .where('account_id', '=', accountId)
    .where('group_id', '=', id)
    .execute();
  await db
    .deleteFrom('custom_field_groups')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
