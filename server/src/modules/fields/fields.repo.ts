import type { Insertable, Kysely, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type {
  CustomField,
  CustomFieldEnumsTable,
  CustomFieldsTable,
  EntityType,
} from '../../db/types-crm.ts';

export type FieldEnum = { id: number; field_id: number; value: string; sort: number; code: string | null };
export type FieldWithEnums = CustomField & { enums: FieldEnum[] };

const liveFields = (db: Kysely<DB>, accountId: number, entityType: EntityType) =>
  db
    .selectFrom('custom_fields')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('deleted_at', 'is', null);

export async function enumsOf(db: Kysely<DB>, accountId: number, fieldIds: number[]): Promise<FieldEnum[]> {
  if (fieldIds.length === 0) return [];
  return db
    .selectFrom('custom_field_enums')
    .select(['id', 'field_id', 'value', 'sort', 'code'])
    .where('account_id', '=', accountId)
    .where('field_id', 'in', fieldIds)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

async function withEnums(
  db: Kysely<DB>,
  accountId: number,
  fields: CustomField[],
): Promise<FieldWithEnums[]> {
  const enums = await enumsOf(
    db,
    accountId,
    fields.map((f) => f.id),
  );
  return fields.map((f) => ({ ...f, enums: enums.filter((e) => e.field_id === f.id) }));
}

/** One page of an entity type's live fields, in display order (limit + 1 rows). */
export async function listFields(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  page: { limit: number; offset: number; types: string[] },
): Promise<FieldWithEnums[]> {
  let q = liveFields(db, accountId, entityType);
  if (page.types.length > 0) q = q.where('type', 'in', page.types);
  const rows = await q
    .orderBy('sort')
    .orderBy('id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  return withEnums(db, accountId, rows);
}

/** Every live field of an entity type with its enums: what value validation needs. */
const allFieldsQuery = prepared((db, p: { accountId: number; entityType: EntityType }) =>
  liveFields(db, p.accountId, p.entityType).orderBy('sort').orderBy('id'),
);

export async function allFields(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
): Promise<FieldWithEnums[]> {
  return withEnums(db, accountId, await allFieldsQuery.rows(db, { accountId, entityType }));
}

export async function findField(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  id: number,
): Promise<FieldWithEnums | undefined> {
  const row = await liveFields(db, accountId, entityType).where('id', '=', id).executeTakeFirst();
  return row ? (await withEnums(db, accountId, [row]))[0] : undefined;
}

export async function liveCodes(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
): Promise<string[]> {
  const rows = await liveFields(db, accountId, entityType)
    .select('code')
    .where('code', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.code === null ? [] : [r.code]));
}

/** The live fields of an entity type that carry one of `codes` (PHONE, EMAIL, tax ids), with it. */
export async function liveFieldsByCode(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  codes: readonly string[],
): Promise<Array<{ id: number; code: string }>> {
  const rows = await db
    .selectFrom('custom_fields')
    .select(['id', 'code'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('code', 'in', [...codes])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.code ? [{ id: r.id, code: r.code }] : []));
}

export async function codeTaken(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  code: string,
  exceptId = 0,
): Promise<boolean> {
  const row = await liveFields(db, accountId, entityType)
    .where('code', '=', code)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a field unless a live field of the entity type already has its code; null then. */
export async function insertField(
  db: Kysely<DB>,
  row: Insertable<CustomFieldsTable>,
): Promise<number | null> {
  const inserted = await db
    .insertInto('custom_fields')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'entity_type', 'code']).where('deleted_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function updateField(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<CustomFieldsTable>,
): Promise<void> {
  await db
    .updateTable('custom_fields')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function insertEnums(db: Kysely<DB>, rows: Insertable<CustomFieldEnumsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('custom_field_enums').values(rows).execute();
}

export async function updateEnum(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: { value: string; sort: number; code: string | null },
): Promise<void> {
  await db
    .updateTable('custom_field_enums')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Removes enums and every value that picked them. */
export async function deleteEnums(db: Kysely<DB>, accountId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('field_values')
    .where('account_id', '=', accountId)
    .where('enum_id', 'in', ids)
    .execute();
  await db
    .deleteFrom('custom_field_enums')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
}

/** Whether `status_id` is a stage of the account's pipeline (142 / 143 are in every pipeline). */
export async function pipelineHasStatus(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  statusId: number,
): Promise<boolean> {
  const pipeline = await db
    .selectFrom('pipelines')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', pipelineId)
    .executeTakeFirst();
  if (!pipeline) return false;
  if (statusId === 142 || statusId === 143) return true;
  const stage = await db
    .selectFrom('stages')
    .select('id')
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('id', '=', statusId)
    .executeTakeFirst();
  return stage !== undefined;
}
