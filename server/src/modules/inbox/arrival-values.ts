import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CompanyInput } from '../companies/companies.schema.ts';
import type { ContactInput } from '../contacts/contacts.schema.ts';
import { TAX_ID_CODES } from './find-duplicates.ts';

type FieldEntry = NonNullable<ContactInput['custom_fields_values']>[number];

/** Field id -> code of the coded fields of an entity type (PHONE, EMAIL, tax ids). */
async function codesById(db: Kysely<DB>, accountId: number, entityType: 'contacts' | 'companies') {
  const rows = await db
    .selectFrom('custom_fields')
    .select(['id', 'code'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('code', 'in', ['PHONE', 'EMAIL', ...TAX_ID_CODES])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.flatMap((r) => (r.code ? [[r.id, r.code.toUpperCase()] as const] : [])));
}

/** The text values of the entries whose field (by code, or by id through `codes`) is in `wanted`. */
function valuesOf(entries: FieldEntry[] | null | undefined, codes: Map<number, string>, wanted: string[]) {
  const out: string[] = [];
  for (const entry of entries ?? []) {
    const code = (
      entry.field_code ??
      (entry.field_id === undefined ? '' : codes.get(entry.field_id)) ??
      ''
    ).toUpperCase();
    if (!wanted.includes(code)) continue;
    for (const v of entry.values ?? []) {
      if (typeof v.value === 'string' && v.value.trim() !== '') out.push(v.value.trim());
      else if (typeof v.value === 'number') out.push(String(v.value));
    }
  }
  return out;
}

/** The phones and e-mails of an arriving contact, for duplicate control and the inbox list. */
export async function contactKeys(db: Kysely<DB>, accountId: number, contact: ContactInput | undefined) {
  if (!contact) return { phones: [], emails: [] };
  const codes = await codesById(db, accountId, 'contacts');
  return {
    phones: valuesOf(contact.custom_fields_values, codes, ['PHONE']),
    emails: valuesOf(contact.custom_fields_values, codes, ['EMAIL']),
  };
}

/** The tax ids of an arriving company. */
export async function companyTaxIds(db: Kysely<DB>, accountId: number, company: CompanyInput | undefined) {
  if (!company) return [];
  return valuesOf(company.custom_fields_values, await codesById(db, accountId, 'companies'), TAX_ID_CODES);
}

/** How a contact is named in lists: its name, else first + last name. */
export const contactLabel = (contact: ContactInput | undefined): string =>
  (contact?.name ?? [contact?.first_name, contact?.last_name].filter(Boolean).join(' ')).trim();
