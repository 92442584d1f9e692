import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { liveFieldsByCode } from '../fields/fields.repo.ts';
import { normaliseEmail, normalisePhone, normaliseTaxId, TAX_ID_CODES } from '../fields/normalise.ts';

/** A live record that an arrival may be the same as, and why. */
export type Duplicate = {
  entity_type: 'contacts' | 'companies';
  id: number;
  name: string;
  matched_by: Array<'phone' | 'email' | 'name' | 'tax_id'>;
};

export { TAX_ID_CODES };

const distinct = (list: string[]) => [...new Set(list.filter((v) => v.length > 0))];

/**
 * Duplicate control for contacts: live contacts whose PHONE (compared as E.164 in the account's
 * country, so "8 (912) 000-11-22" finds "+79120001122") or EMAIL (any case) matches. Oldest first.
 */
export async function findContactDuplicates(
  db: Kysely<DB>,
  accountId: number,
  country: string,
  phones: string[],
  emails: string[],
  limit = 10,
): Promise<Duplicate[]> {
  const phoneNorms = distinct(phones.map((p) => normalisePhone(p, country)));
  const emailNorms = distinct(emails.map(normaliseEmail));
  if (phoneNorms.length === 0 && emailNorms.length === 0) return [];
  // The fields first, then the values by (account, type, value_norm): an OR of "code and value"
  // pairs in one query made SQLite walk every contact value of the account (2 s at 300k contacts).
  const fields = await liveFieldsByCode(db, accountId, 'contacts', ['PHONE', 'EMAIL']);
  const phoneFields = fields.filter((f) => f.code === 'PHONE').map((f) => f.id);
  const wanted = [
    ...(phoneFields.length ? phoneNorms : []),
    ...(fields.length > phoneFields.length ? emailNorms : []),
  ];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('field_values as v')
    .innerJoin('contacts as c', 'c.id', 'v.entity_id')
    .select(['c.id', 'c.name', 'v.field_id'])
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', 'contacts')
    .where('v.value_norm', 'in', wanted)
    .where(
      'v.field_id',
      'in',
      fields.map((f) => f.id),
    )
    .where('c.deleted_at', 'is', null)
    .limit(500)
    .execute();
  return group(
    rows.map((r) => ({ id: r.id, name: r.name, by: phoneFields.includes(r.field_id) ? 'phone' : 'email' })),
    'contacts',
    limit,
  );
}

/**
 * Duplicate control for companies: the same name (case-insensitive) or the same tax id (compared
 * normalised, so "ИНН 7707-083-893" finds "7707083893"; a value stored before tax ids were
 * normalised is still found when it was typed the same way).
 */
export async function findCompanyDuplicates(
  db: Kysely<DB>,
  accountId: number,
  name: string,
  taxIds: string[],
  limit = 10,
): Promise<Duplicate[]> {
  const nameLc = name.trim().toLowerCase();
  const byName =
    nameLc === ''
      ? []
      : await db
          .selectFrom('companies')
          .select(['id', 'name'])
          .where('account_id', '=', accountId)
          .where('deleted_at', 'is', null)
          .where('name_lc', '=', nameLc)
          .orderBy('id')
          .limit(limit)
          .execute();
  const taxNorms = distinct(taxIds.map(normaliseTaxId));
  const taxTyped = distinct(taxIds.map((t) => t.trim().toLowerCase()));
  const taxFields =
    taxNorms.length === 0
      ? []
      : (await liveFieldsByCode(db, accountId, 'companies', TAX_ID_CODES)).map((f) => f.id);
  const taxQuery = (column: 'value_norm' | 'value_lc', values: string[]) =>
    db
      .selectFrom('field_values as v')
      .innerJoin('companies as c', 'c.id', 'v.entity_id')
      .select(['c.id', 'c.name'])
      .where('v.account_id', '=', accountId)
      .where('v.entity_type', '=', 'companies')
      .where(`v.${column}`, 'in', values)
      .where('v.field_id', 'in', taxFields)
      .where('c.deleted_at', 'is', null)
      .limit(500)
      .execute();
  // Two lookups, each by its own index, rather than one OR of both columns (a scan).
  const byTax =
    taxFields.length === 0
      ? []
      : [...(await taxQuery('value_norm', taxNorms)), ...(await taxQuery('value_lc', taxTyped))];
  return group(
    [
      ...byName.map((r) => ({ ...r, by: 'name' as const })),
      ...byTax.map((r) => ({ ...r, by: 'tax_id' as const })),
    ],
    'companies',
    limit,
  );
}

function group(
  rows: Array<{ id: number; name: string; by: Duplicate['matched_by'][number] }>,
  entityType: Duplicate['entity_type'],
  limit: number,
): Duplicate[] {
  const byId = new Map<number, Duplicate>();
  for (const r of rows) {
    const found = byId.get(r.id);
    if (found) {
      if (!found.matched_by.includes(r.by)) found.matched_by.push(r.by);
    } else byId.set(r.id, { entity_type: entityType, id: r.id, name: r.name, matched_by: [r.by] });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(0, limit);
}
