import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { badRequest, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { ensureDefaultFields } from './ensure-default-fields.ts';
import { insertEnums, insertField } from './fields.repo.ts';
import type { CustomFieldCreateInput, EnumInput } from './fields.schema.ts';
import { joinPath, runInTransaction } from './run-in-transaction.ts';
import { validateFieldInput } from './validate-custom-field.ts';

/** New fields sort after the predefined ones unless a sort is given. */
export const DEFAULT_FIELD_SORT = 500;

export const enumRows = (accountId: number, fieldId: number, enums: EnumInput[]) =>
  enums.map((e, i) => ({
    account_id: accountId,
    field_id: fieldId,
    value: e.value,
    sort: e.sort ?? (i + 1) * 10,
    code: e.code ?? null,
  }));

/** Codes repeated inside one request (the database check cannot see them yet). */
export function duplicateCodes(
  items: Array<{ code?: string | null | undefined }>,
  pathOf: (i: number) => string,
) {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (!item.code) return;
    const code = item.code.toUpperCase();
    if (seen.has(code))
      errors.push({ code: 'NotUnique', path: joinPath(pathOf(i), 'code'), detail: 'Code repeated' });
    seen.add(code);
  });
  return errors;
}

/** Creates custom fields of an entity type (all or none); answers ids with request ids. */
export async function createCustomFields(
  ctx: Ctx,
  entityType: EntityType,
  items: CustomFieldCreateInput[],
): Promise<Array<{ id: number; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    // The predefined fields exist first, so their codes (PHONE, EMAIL, ...) count as taken.
    await ensureDefaultFields(tx.db, tx.accountId);
    const errors = duplicateCodes(items, String);
    for (const [i, item] of items.entries())
      errors.push(...(await validateFieldInput(tx, entityType, item, String(i))));
    if (errors.length > 0) throw badRequest(errors);
    const now = nowSeconds();
    const results: Array<{ id: number; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const id = await insertField(tx.db, {
        account_id: tx.accountId,
        entity_type: entityType,
        name: item.name,
        code: item.code ?? null,
        type: item.type,
        sort: item.sort ?? DEFAULT_FIELD_SORT,
        group_id: item.group_id ?? null,
        is_api_only: item.is_api_only ? 1 : 0,
        required_statuses: JSON.stringify(item.required_statuses ?? []),
        settings: JSON.stringify(item.settings ?? {}),
        created_at: now,
        updated_at: now,
      });
      if (id === null)
        throw badRequest([{ code: 'NotUnique', path: `${i}.code`, detail: 'Code already taken' }]);
      await insertEnums(tx.db, enumRows(tx.accountId, id, item.enums ?? []));
      results.push({ id, request_id: requestIdOf(item, i) });
    }
    return results;
  });
}
