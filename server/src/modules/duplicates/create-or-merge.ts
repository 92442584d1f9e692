import { multiValueFieldTypes } from '@voronka/common';
import { badRequest, type FieldError } from '../../http/problem.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { findCompany } from '../companies/companies.repo.ts';
import type { CompanyInput, CompanyPatch } from '../companies/companies.schema.ts';
import { createCompany } from '../companies/create-company.ts';
import { updateCompany } from '../companies/update-company.ts';
import { findContact } from '../contacts/contacts.repo.ts';
import type { ContactInput, ContactPatch } from '../contacts/contacts.schema.ts';
import { createContact } from '../contacts/create-contact.ts';
import { updateContact } from '../contacts/update-contact.ts';
import type { Ctx } from '../context.ts';
import { readFieldValues, type CustomFieldValueInput } from '../fields/field-values.ts';
import { allFields, type FieldWithEnums } from '../fields/fields.repo.ts';
import { fieldTypeOf, parseFieldValues, type ParsedValue } from '../fields/parse-field-values.ts';
import { joinPath, runInTransaction } from '../fields/run-in-transaction.ts';
import { companyTaxIds, contactKeys } from '../inbox/arrival-values.ts';
import { findCompanyDuplicates, findContactDuplicates } from '../inbox/find-duplicates.ts';
import { canRecord, policyOf } from '../policy/policy.ts';
import { readDuplicateSettings } from './duplicate-settings.ts';
import type { PartyType } from './merge-snapshot.ts';

export type CreatedOrMerged = { id: number; request_id: string; merged?: true };

/** How two values of one field are told apart: phones as E.164, e-mails and text case-folded. */
const keyOf = (v: ParsedValue): string =>
  v.value_norm ??
  (v.enum_id !== null && v.value_text === null ? `e${v.enum_id}` : null) ??
  v.value_lc ??
  `${v.value_num}`;

function fieldOf(fields: FieldWithEnums[], entry: CustomFieldValueInput) {
  if (entry.field_id !== undefined) return fields.find((f) => f.id === entry.field_id);
  const code = entry.field_code?.toUpperCase();
  return code === undefined ? undefined : fields.find((f) => f.code?.toUpperCase() === code);
}

/**
 * The custom_fields_values that add what an item brings to an existing record without losing
 * anything: list fields (phones, e-mails, multi-selects) get the values they lack appended, an
 * empty field is filled, a field that has a value keeps it. Bad values are a 400 on the item's
 * own paths, as a plain create would answer.
 */
async function missingValues(
  ctx: Ctx,
  type: PartyType,
  id: number,
  entries: CustomFieldValueInput[],
  pathPrefix: string,
): Promise<CustomFieldValueInput[]> {
  if (entries.length === 0) return [];
  const fields = await allFields(ctx.db, ctx.accountId, type);
  const have = (await readFieldValues(ctx.db, ctx.accountId, type, [id])).get(id) ?? [];
  const errors: FieldError[] = [];
  const out: CustomFieldValueInput[] = [];
  for (const [i, entry] of entries.entries()) {
    const path = joinPath(pathPrefix, `custom_fields_values.${i}`);
    const field = fieldOf(fields, entry);
    if (!field) {
      const by = entry.field_id !== undefined ? 'field_id' : 'field_code';
      errors.push({ code: 'NotFound', path: `${path}.${by}`, detail: 'No such custom field' });
      continue;
    }
    const items = entry.values ?? [];
    const parsed = parseFieldValues(field, items, ctx.account.country, path);
    errors.push(...parsed.errors);
    if (parsed.errors.length > 0 || parsed.values.length === 0) continue;
    const current = have.find((h) => h.field_id === field.id)?.values ?? [];
    if (current.length === 0) {
      out.push({ field_id: field.id, values: items });
      continue;
    }
    if (!multiValueFieldTypes.includes(fieldTypeOf(field.type))) continue;
    const known = new Set(parseFieldValues(field, current, ctx.account.country, path).values.map(keyOf));
    const added = items.filter((item) => {
      const [one] = parseFieldValues(field, [item], ctx.account.country, path).values;
      if (!one || known.has(keyOf(one))) return false;
      known.add(keyOf(one));
      return true;
    });
    if (added.length > 0) out.push({ field_id: field.id, values: [...current, ...added] });
  }
  if (errors.length > 0) throw badRequest(errors);
  return out;
}

/** The oldest of the duplicates that the user may edit (merging into a record is editing it). */
async function editableMatch<T extends { id: number; responsible_user_id: number | null }>(
  ctx: Ctx,
  type: PartyType,
  ids: number[],
  find: (id: number) => Promise<T | undefined>,
): Promise<T | undefined> {
  const policy = await policyOf(ctx);
  for (const id of ids) {
    const record = await find(id);
    if (record && canRecord(policy, type, 'edit', record)) return record;
  }
  return undefined;
}

const tagsOf = (item: ContactInput | CompanyInput) => [
  ...(item._embedded?.tags ?? []),
  ...(item.tags_to_add ?? []),
];

async function mergeContact(ctx: Ctx, item: ContactInput, path: string): Promise<number | null> {
  const { phones, emails } = await contactKeys(ctx.db, ctx.accountId, item);
  const found = await findContactDuplicates(ctx.db, ctx.accountId, ctx.account.country, phones, emails);
  const existing = await editableMatch(
    ctx,
    'contacts',
    found.map((d) => d.id),
    (id) => findContact(ctx.db, ctx.accountId, id),
  );
  if (!existing) return null;
  const values = await missingValues(ctx, 'contacts', existing.id, item.custom_fields_values ?? [], path);
  const tags = tagsOf(item);
  const company = existing.company_id === null ? item._embedded?.companies : undefined;
  const patch: ContactPatch = {
    ...(values.length > 0 ? { custom_fields_values: values } : {}),
    ...(tags.length > 0 ? { tags_to_add: tags } : {}),
    ...(company?.length ? { _embedded: { companies: company } } : {}),
  };
  if (Object.keys(patch).length > 0) await updateContact(ctx, existing.id, patch, path);
  return existing.id;
}

async function mergeCompany(ctx: Ctx, item: CompanyInput, path: string): Promise<number | null> {
  const taxIds = await companyTaxIds(ctx.db, ctx.accountId, item);
  const found = await findCompanyDuplicates(ctx.db, ctx.accountId, item.name ?? '', taxIds);
  const existing = await editableMatch(
    ctx,
    'companies',
    found.map((d) => d.id),
    (id) => findCompany(ctx.db, ctx.accountId, id),
  );
  if (!existing) return null;
  const values = await missingValues(ctx, 'companies', existing.id, item.custom_fields_values ?? [], path);
  const tags = tagsOf(item);
  const patch: CompanyPatch = {
    ...(values.length > 0 ? { custom_fields_values: values } : {}),
    ...(tags.length > 0 ? { tags_to_add: tags } : {}),
  };
  if (Object.keys(patch).length > 0) await updateCompany(ctx, existing.id, patch, path);
  return existing.id;
}

/**
 * POST /api/v4/contacts and /api/v4/companies (the web app's "New contact" too). amoCRM's API
 * creates what it is sent, copies included, and so does this by default. With the account's
 * duplicate control for records created by hand set to "merge", an item whose phone or e-mail
 * (a company: name or tax id) matches a live record the user may edit is merged into it instead:
 * the record gets the values and tags it lacked, keeps everything it had, and its id is answered
 * with `merged: true`. Items of one batch are checked in order, so a batch does not copy itself.
 */
export async function createOrMergeParties(
  ctx: Ctx,
  type: PartyType,
  items: Array<ContactInput | CompanyInput>,
): Promise<CreatedOrMerged[]> {
  return runInTransaction(ctx, async (tx) => {
    const merge = (await readDuplicateSettings(tx.db, tx.accountId)).manual === 'merge';
    const out: CreatedOrMerged[] = [];
    for (const [i, item] of items.entries()) {
      const path = String(i);
      const request_id = requestIdOf(item, i);
      const mergedInto = !merge
        ? null
        : type === 'contacts'
          ? await mergeContact(tx, item, path)
          : await mergeCompany(tx, item, path);
      if (mergedInto !== null) {
        out.push({ id: mergedInto, request_id, merged: true });
        continue;
      }
      const { id } =
        type === 'contacts' ? await createContact(tx, item, path) : await createCompany(tx, item, path);
      out.push({ id, request_id });
    }
    return out;
  });
}
