import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { renameEnumValues } from './field-values.repo.ts';
import {
  deleteEnums,
  findField,
  insertEnums,
  updateEnum,
  updateField,
  type FieldWithEnums,
} from './fields.repo.ts';
import type { CustomFieldPatch } from './fields.schema.ts';
import { duplicateCodes, enumRows } from './create-custom-fields.ts';
import { joinPath, runInTransaction } from './run-in-transaction.ts';
import { validateFieldInput } from './validate-custom-field.ts';

export type CustomFieldUpdate = CustomFieldPatch & { id: number };

const choiceTypes = new Set(['select', 'multiselect', 'radiobutton']);

/** Replaces a field's options: listed ids are updated, new ones added, unlisted ones removed. */
async function syncEnums(ctx: Ctx, field: FieldWithEnums, enums: NonNullable<CustomFieldPatch['enums']>) {
  const kept = new Set(enums.flatMap((e) => (e.id === undefined ? [] : [e.id])));
  await deleteEnums(
    ctx.db,
    ctx.accountId,
    field.enums.filter((e) => !kept.has(e.id)).map((e) => e.id),
  );
  for (const [i, e] of enums.entries()) {
    if (e.id === undefined) continue;
    const old = field.enums.find((x) => x.id === e.id);
    await updateEnum(ctx.db, ctx.accountId, e.id, {
      value: e.value,
      sort: e.sort ?? old?.sort ?? i,
      code: e.code ?? null,
    });
    // A renamed option renames the values that picked it (multitext uses options as kinds only).
    if (choiceTypes.has(field.type) && old?.value !== e.value)
      await renameEnumValues(ctx.db, ctx.accountId, e.id, e.value);
  }
  await insertEnums(
    ctx.db,
    enumRows(
      ctx.accountId,
      field.id,
      enums.filter((e) => e.id === undefined),
    ),
  );
}

async function apply(ctx: Ctx, field: FieldWithEnums, patch: CustomFieldPatch) {
  await updateField(ctx.db, ctx.accountId, field.id, {
    name: patch.name,
    code: patch.code,
    sort: patch.sort,
    group_id: patch.group_id,
    is_api_only: patch.is_api_only === undefined ? undefined : patch.is_api_only ? 1 : 0,
    required_statuses: patch.required_statuses && JSON.stringify(patch.required_statuses),
    settings: patch.settings === undefined ? undefined : JSON.stringify(patch.settings ?? {}),
    updated_at: nowSeconds(),
  });
  if (patch.enums !== undefined) await syncEnums(ctx, field, patch.enums ?? []);
}

/** Updates fields of an entity type (all or none); an unknown id is a 400 naming `N.id`. */
export async function updateCustomFields(
  ctx: Ctx,
  entityType: EntityType,
  items: CustomFieldUpdate[],
): Promise<number[]> {
  return runInTransaction(ctx, async (tx) => {
    const errors: FieldError[] = duplicateCodes(items, String);
    const found = new Map<number, FieldWithEnums>();
    for (const [i, item] of items.entries()) {
      const field = await findField(tx.db, tx.accountId, entityType, item.id);
      if (!field)
        errors.push({ code: 'NotFound', path: joinPath(i, 'id'), detail: `No custom field ${item.id}` });
      else {
        found.set(i, field);
        errors.push(...(await validateFieldInput(tx, entityType, item, String(i), field)));
      }
    }
    if (errors.length > 0) throw badRequest(errors);
    for (const [i, item] of items.entries()) {
      const field = found.get(i);
      if (field) await apply(tx, field, item);
    }
    return items.map((i) => i.id);
  });
}

/** PATCH /custom_fields/{id}: 404 for a field the account does not have. */
export async function updateCustomField(
  ctx: Ctx,
  entityType: EntityType,
  id: number,
  patch: CustomFieldPatch,
) {
  return runInTransaction(ctx, async (tx) => {
    const field = await findField(tx.db, tx.accountId, entityType, id);
    if (!field) throw notFound(`No custom field ${id}`);
    const errors = await validateFieldInput(tx, entityType, patch, '', field);
    if (errors.length > 0) throw badRequest(errors);
    await apply(tx, field, patch);
  });
}
