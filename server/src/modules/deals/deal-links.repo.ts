import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type DealContactLink = { deal_id: number; contact_id: number; is_main: number };

/** Contacts linked to deals, leaving out contacts in the trash; the main one first. */
export const listDealContacts = (
  db: Kysely<DB>,
  accountId: number,
  dealIds: number[],
): Promise<DealContactLink[]> =>
  dealIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deal_contacts')
        .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
        .select(['deal_contacts.deal_id', 'deal_contacts.contact_id', 'deal_contacts.is_main'])
        .where('deal_contacts.account_id', '=', accountId)
        .where('deal_contacts.deal_id', 'in', dealIds)
        .where('contacts.deleted_at', 'is', null)
        .orderBy('deal_contacts.is_main', 'desc')
        .orderBy('deal_contacts.contact_id')
        .execute();

/** The main contact (or else the first) of each deal, with its name, for board cards. */
export async function mainContacts(
  db: Kysely<DB>,
  accountId: number,
  dealIds: number[],
): Promise<Map<number, { id: number; name: string }>> {
  if (dealIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deal_contacts')
    .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
    .select(['deal_contacts.deal_id', 'contacts.id', 'contacts.name'])
    .where('deal_contacts.account_id', '=', accountId)
    .where('deal_contacts.deal_id', 'in', dealIds)
    .where('contacts.deleted_at', 'is', null)
    .orderBy('deal_contacts.is_main', 'desc')
    .orderBy('contacts.id')
    .execute();
  const out = new Map<number, { id: number; name: string }>();
  for (const r of rows) if (!out.has(r.deal_id)) out.set(r.deal_id, { id: r.id, name: r.name });
  return out;
}

export async function insertDealContacts(
  db: Kysely<DB>,
  accountId: number,
  dealId: number,
  links: Array<{ contactId: number; isMain: boolean }>,
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('deal_contacts')
    .values(
      links.map((l) => ({
        account_id: accountId,
        deal_id: dealId,
        contact_id: l.contactId,
        is_main: l.isMain ? 1 : 0,
      })),
    )
    .execute();
}

/** Makes one linked contact the deal's main contact and the others not. */
export async function setMainContact(db: Kysely<DB>, accountId: number, dealId: number, contactId: number) {
  await db
    .updateTable('deal_contacts')
    .set((eb) => ({ is_main: eb.case().when('contact_id', '=', contactId).then(1).else(0).end() }))
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .execute();
}

/** Links a contact created together with a company to it, when it has no company yet. */
export async function setContactCompanyIfNone(
  db: Kysely<DB>,
  accountId: number,
  contactId: number,
  companyId: number,
): Promise<boolean> {
  const res = await db
    .updateTable('contacts')
    .set({ company_id: companyId })
    .where('account_id', '=', accountId)
    .where('id', '=', contactId)
    .where('company_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Ids of the account's contact fields with a code (PHONE, EMAIL), to spot them by field_id. */
export async function contactFieldIdsByCode(db: Kysely<DB>, accountId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('custom_fields')
    .select(['id', 'code'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', 'contacts')
    .where('code', 'in', ['PHONE', 'EMAIL'])
    .where('deleted_at', 'is', null)
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (r.code) out.set(r.id, r.code);
  return out;
}
