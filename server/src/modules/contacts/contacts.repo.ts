import type { Expression, Insertable, Kysely, SqlBool, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Contact, ContactsTable } from '../../db/types-crm.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { normaliseEmail, normalisePhone } from '../fields/normalise.ts';
import { listConditions } from '../search/search.repo.ts';
import { orderOf, type EntityListQuery } from '../search/list-query.schema.ts';

export async function insertContact(db: Kysely<DB>, row: Insertable<ContactsTable>): Promise<number> {
  const r = await db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A contact of the account; deleted ones only when asked for. */
export const findContact = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  opts: { deleted?: boolean } = {},
): Promise<Contact | undefined> => {
  const q = db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', '=', id);
  return (opts.deleted ? q : q.where('deleted_at', 'is', null)).executeTakeFirst();
};

export async function liveContactIds(db: Kysely<DB>, accountId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function updateContactRow(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<ContactsTable>,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** One page of live contacts (limit + 1 rows) for GET /api/v4/contacts. */
export async function listContacts(
  db: Kysely<DB>,
  accountId: number,
  country: string,
  q: EntityListQuery,
  page: { limit: number; offset: number },
  scope: Expression<SqlBool> | null = null,
): Promise<Contact[]> {
  let query = db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
  if (scope) query = query.where(scope);
  for (const condition of await listConditions(db, 'contacts', accountId, country, q))
    query = query.where(condition);
  const { column, direction } = orderOf(q);
  if (column !== 'id') query = query.orderBy(column, direction);
  return query
    .orderBy('id', direction)
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

/** The live deals each contact takes part in. */
export async function dealsOfContacts(db: Kysely<DB>, accountId: number, contactIds: number[]) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('deal_contacts as dc')
    .innerJoin('deals as d', 'd.id', 'dc.deal_id')
    .select(['dc.contact_id', 'dc.deal_id'])
    .where('dc.account_id', '=', accountId)
    .where('dc.contact_id', 'in', contactIds)
    .where('d.deleted_at', 'is', null)
    .orderBy('dc.deal_id')
    .execute();
}

/**
 * Duplicate control: live contacts with any of these phones (in any format, compared as E.164
 * in the account's country) or e-mails (any case), in the PHONE / EMAIL fields. Ids ascending.
 */
export async function findContactsByPhoneOrEmail(
  db: Kysely<DB>,
  accountId: number,
  phones: string[],
  emails: string[],
): Promise<number[]> {
  const country = (await findAccount(db, accountId))?.country ?? 'RU';
  const phoneNorms = phones.map((p) => normalisePhone(p, country)).filter((p) => p.length > 0);
  const emailNorms = emails.map(normaliseEmail).filter((e) => e.length > 0);
  if (phoneNorms.length === 0 && emailNorms.length === 0) return [];
  const rows = await db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .innerJoin('contacts as c', 'c.id', 'v.entity_id')
    .select('v.entity_id')
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', 'contacts')
    .where('f.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    // Redundant with the OR below, but lets the planner use the value_norm index.
    .where('v.value_norm', 'in', [...phoneNorms, ...emailNorms])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('f.code', '=', 'PHONE'),
          eb('v.value_norm', 'in', phoneNorms.length > 0 ? phoneNorms : ['']),
        ]),
        eb.and([
          eb('f.code', '=', 'EMAIL'),
          eb('v.value_norm', 'in', emailNorms.length > 0 ? emailNorms : ['']),
        ]),
      ]),
    )
    .execute();
  // Distinct and ordered here: in SQL they would steer the planner to the entity index.
  return [...new Set(rows.map((r) => r.entity_id))].sort((a, b) => a - b);
}
