import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { ensureDefaultFields } from './ensure-default-fields.ts';
import { deleteValues, insertValues, selectValues, type StoredValue } from './field-values.repo.ts';
import { allFields, type FieldWithEnums } from './fields.repo.ts';
import { fieldTypeOf, parseFieldValues, type ParsedValue, type ValueInput } from './parse-field-values.ts';
import { joinPath, runInTransaction } from './run-in-transaction.ts';

export type CustomFieldValueInput = {
  field_id?: number;
  field_code?: string;
  values: Array<{ value?: unknown; enum_id?: number; enum_code?: string; subtype?: string }> | null;
};
export type CustomFieldValueOut = {
  field_id: number;
  field_name: string;
  field_code: string | null;
  field_type: string;
  values: Array<{ value: string | number | boolean; enum_id?: number; enum_code?: string }>;
};

type Planned = { field: FieldWithEnums; values: ParsedValue[] };

function findField(
  fields: FieldWithEnums[],
  entry: CustomFieldValueInput,
  path: string,
): FieldWithEnums | FieldError {
  if (entry.field_id !== undefined) {
    return (
      fields.find((f) => f.id === entry.field_id) ?? {
        code: 'NotFound',
        path: `${path}.field_id`,
        detail: `No custom field ${entry.field_id}`,
      }
    );
  }
  if (entry.field_code !== undefined) {
    const code = entry.field_code.toUpperCase();
    return (
      fields.find((f) => f.code?.toUpperCase() === code) ?? {
        code: 'NotFound',
        path: `${path}.field_code`,
        detail: `No custom field with code ${entry.field_code}`,
      }
    );
  }
  return { code: 'Required', path: `${path}.field_id`, detail: 'field_id or field_code is required' };
}

function plan(
  fields: FieldWithEnums[],
  input: CustomFieldValueInput[],
  country: string,
  base: string,
): Map<number, Planned> {
  const errors: FieldError[] = [];
  const planned = new Map<number, Planned>();
  input.forEach((entry, i) => {
    const path = `${base}.${i}`;
    const field = findField(fields, entry, path);
    if ('path' in field) {
      errors.push(field);
      return;
    }
    const items: ValueInput[] = entry.values ?? [];
    const parsed = parseFieldValues(field, items, country, path);
    errors.push(...parsed.errors);
    planned.set(field.id, { field, values: parsed.values });
  });
  if (errors.length > 0) throw badRequest(errors);
  return planned;
}

const eventItems = (
  fieldId: number,
  type: string,
  values: Array<{ enum_id: number | null; value_text: string | null }>,
) =>
  values.map((v) => ({
    custom_field_value: { field_id: fieldId, field_type: type, enum_id: v.enum_id, text: v.value_text },
  }));

/**
 * Validates by type (unknown field ids, wrong types, enum values that don't exist -> throws
 * badRequest with path like `custom_fields_values.0.values.0.value`, prefixed by `pathPrefix`,
 * e.g. `0` or `_embedded.contacts.0`), replaces the given fields' values (`values: null` or `[]`
 * clears), records 'entity.field_changed' events (createdBy ctx.userId) in ctx.db (a transaction;
 * one is opened when it is not). The caller checks that the entity exists in the account.
 */
export async function writeFieldValues(
  ctx: Ctx,
  entityType: EntityType,
  entityId: number,
  input: CustomFieldValueInput[],
  pathPrefix = '',
): Promise<void> {
  if (input.length === 0) return;
  await runInTransaction(ctx, async (tx) => {
    await ensureDefaultFields(tx.db, tx.accountId, [entityType]);
    const fields = await allFields(tx.db, tx.accountId, entityType);
    const planned = plan(fields, input, tx.account.country, joinPath(pathPrefix, 'custom_fields_values'));
    const fieldIds = [...planned.keys()];
    const before = await selectValues(tx.db, tx.accountId, entityType, [entityId], fieldIds);
    await deleteValues(tx.db, tx.accountId, entityType, entityId, fieldIds);
    const rows = [...planned.values()].flatMap(({ field, values }) =>
      values.map((v, position) => ({
        ...v,
        account_id: tx.accountId,
        entity_type: entityType,
        entity_id: entityId,
        field_id: field.id,
        position,
      })),
    );
    await insertValues(tx.db, rows);
    const events: EventInput[] = [];
    for (const { field, values } of planned.values()) {
      const old = eventItems(
        field.id,
        field.type,
        before.filter((b) => b.field_id === field.id),
      );
      const now = eventItems(field.id, field.type, values);
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      events.push({
        accountId: tx.accountId,
        type: 'entity.field_changed',
        entityType,
        entityId,
        createdBy: tx.userId,
        before: old,
        after: now,
      });
    }
    await recordEvents(tx.db, events);
  });
}

function outValue(v: StoredValue): CustomFieldValueOut['values'][number] {
  const type = fieldTypeOf(v.field_type);
  const value =
    type === 'checkbox'
      ? v.value_num === 1
      : type === 'date' || type === 'date_time' || type === 'birthday'
        ? (v.value_num ?? 0)
        : (v.value_text ?? '');
  return {
    value,
    ...(v.enum_id !== null ? { enum_id: v.enum_id } : {}),
    ...(v.enum_code !== null ? { enum_code: v.enum_code } : {}),
  };
}

/**
 * custom_fields_values per entity id, in amoCRM shape. An entity with no values has no entry:
 * present it as `custom_fields_values: null`, as amoCRM does.
 */
export async function readFieldValues(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityIds: number[],
): Promise<Map<number, CustomFieldValueOut[]>> {
  const out = new Map<number, CustomFieldValueOut[]>();
  for (const v of await selectValues(db, accountId, entityType, entityIds)) {
    const list = out.get(v.entity_id) ?? [];
    if (!out.has(v.entity_id)) out.set(v.entity_id, list);
    let entry = list.at(-1);
    if (entry?.field_id !== v.field_id) {
      entry = {
        field_id: v.field_id,
        field_name: v.field_name,
        field_code: v.field_code,
        field_type: v.field_type,
        values: [],
      };
      list.push(entry);
    }
    entry.values.push(outValue(v));
  }
  return out;
}
