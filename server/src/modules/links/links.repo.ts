import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/*
 * The links between deals, contacts and companies live in three places: deal_contacts (many to
 * many, with the main contact), deals.company_id and contacts.company_id. Reads skip deleted
 * entities.
 */

export type DealContact = { deal_id: number; contact_id: number; is_main: number };

export async function dealContacts(
  db: Kysely<DB>,
  accountId: number,
  by: { dealIds?: number[]; contactIds?: number[] },
): Promise<DealContact[]> {
  if (by.dealIds?.length === 0 || by.contactIds?.length === 0) return [];
  let q = db
    .selectFrom('deal_contacts as dc')
    .innerJoin('deals as d', 'd.id', 'dc.deal_id')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .select(['dc.deal_id', 'dc.contact_id', 'dc.is_main'])
    .where('dc.account_id', '=', accountId)
    .where('d.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null);
  if (by.dealIds) q = q.where('dc.deal_id', 'in', by.dealIds);
  if (by.contactIds) q = q.where('dc.contact_id', 'in', by.contactIds);
  return q.orderBy('dc.deal_id').orderBy('dc.is_main', 'desc').orderBy('dc.contact_id').execute();
}

/** Deals (live) with their company, by deal ids or by company ids. */
export async function dealCompanies(
  db: Kysely<DB>,
  accountId: number,
  by: { dealIds?: number[]; companyIds?: number[] },
): Promise<Array<{ id: number; company_id: number }>> {
  if (by.dealIds?.length === 0 || by.companyIds?.length === 0) return [];
  let q = db
    .selectFrom('deals as d')
    .innerJoin('companies as co', 'co.id', 'd.company_id')
    .select(['d.id', 'co.id as company_id'])
    .where('d.account_id', '=', accountId)
    .where('d.deleted_at', 'is', null)
    .where('co.deleted_at', 'is', null);
  if (by.dealIds) q = q.where('d.id', 'in', by.dealIds);
  if (by.companyIds) q = q.where('d.company_id', 'in', by.companyIds);
  return q.orderBy('d.id').execute();
}

/** Contacts (live) with their company, by contact ids or by company ids. */
export async function contactCompanies(
  db: Kysely<DB>,
  accountId: number,
  by: { contactIds?: number[]; companyIds?: number[] },
): Promise<Array<{ id: number; company_id: number }>> {
  if (by.contactIds?.length === 0 || by.companyIds?.length === 0) return [];
  let q = db
    .selectFrom('contacts as c')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .select(['c.id', 'co.id as company_id'])
    .where('c.account_id', '=', accountId)
    .where('c.deleted_at', 'is', null)
    .where('co.deleted_at', 'is', null);
  if (by.contactIds) q = q.where('c.id', 'in', by.contactIds);
  if (by.companyIds) q = q.where('c.company_id', 'in', by.companyIds);
  return q.orderBy('c.id').execute();
}

export async function insertDealContact(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  contactId: number,
) {
  await db
    .insertInto('deal_contacts')
    .values({ account_id: accountId, deal_id: dealId, contact_id: contactId, is_main: 0 })
    .onConflict((oc) => oc.columns(['deal_id', 'contact_id']).doNothing())
    .execute();
}

export async function deleteDealContact(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  contactId: number,
) {
  await db
    .deleteFrom('deal_contacts')
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .where('contact_id', '=', contactId)
    .execute();
}

/** Makes `contactId` the deal's main contact (null: the first remaining one, if any). */
export async function setMainContact(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  contactId: number | null,
) {
  await db
    .updateTable('deal_contacts')
    .set({ is_main: 0 })
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .execute();
  const main =
    contactId ??
    (
      await db
        .selectFrom('deal_contacts')
        .select('contact_id')
        .where('account_id', '=', accountId)
        .where('deal_id', '=', dealId)
        .orderBy('contact_id')
        .limit(1)
        .executeTakeFirst()
    )?.contact_id;
  if (main === undefined) return;
  await db
    .updateTable('deal_contacts')
    .set({ is_main: 1 })
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .where('contact_id', '=', main)
    .execute();
}

export async function setDealCompany(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  companyId: number | null,
) {
  await db
    .updateTable('deals')
    .set({ company_id: companyId })
    .where('account_id', '=', accountId)
    .where('id', '=', dealId)
    .execute();
}

export async function setContactCompany(
  db: Kysely<DB>,
  accountId: number,
  contactId: number,
  companyId: number | null,
) {
  await db
    .updateTable('contacts')
    .set({ company_id: companyId })
    .where('account_id', '=', accountId)
    .where('id', '=', contactId)
    .execute();
}

/** The company a deal or contact points at now (live or not), for replacing it. */
export async function currentCompanyOf(
  db: Kysely<DB>,
  accountId: number,
  table: 'deals' | 'contacts',
  id: number,
): Promise<number | null> {
  const row = await db
    .selectFrom(table)
    .select('company_id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.company_id ?? null;
}
