import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType, FieldValuesTable } from '../../db/types-crm.ts';

export type StoredValue = {
  entity_id: number;
  field_id: number;
  field_name: string;
  field_code: string | null;
  field_type: string;
  enum_id: number | null;
  enum_code: string | null;
  value_text: string | null;
  value_num: number | null;
};

/** Values of live fields for the entities, ordered by field then position. */
export async function selectValues(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityIds: number[],
  fieldIds?: number[],
): Promise<StoredValue[]> {
  if (entityIds.length === 0 || fieldIds?.length === 0) return [];
  let q = db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .leftJoin('custom_field_enums as e', 'e.id', 'v.enum_id')
    .select([
      'v.entity_id',
      'v.field_id',
      'f.name as field_name',
      'f.code as field_code',
      'f.type as field_type',
      'v.enum_id',
      'e.code as enum_code',
      'v.value_text',
      'v.value_num',
    ])
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', entityType)
    .where('v.entity_id', 'in', entityIds)
    .where('f.deleted_at', 'is', null);
  if (fieldIds) q = q.where('v.field_id', 'in', fieldIds);
  return q.orderBy('v.entity_id').orderBy('f.sort').orderBy('f.id').orderBy('v.position').execute();
}

export async function deleteValues(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
  fieldIds: number[],
): Promise<void> {
  if (fieldIds.length === 0) return;
  await db
    .deleteFrom('field_values')
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('field_id', 'in', fieldIds)
    .execute();
}

export async function insertValues(db: Kysely<DB>, rows: Insertable<FieldValuesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('field_values').values(rows).execute();
}

/** Keeps the stored text (and its search column) of values that picked a renamed option. */
export async function renameEnumValues(db: Kysely<DB>, accountId: number, enumId: number, value: string) {
  await db
    .updateTable('field_values')
    .set({ value_text: value, value_lc: value.toLowerCase() })
    .where('account_id', '=', accountId)
    .where('enum_id', '=', enumId)
    .execute();
}
