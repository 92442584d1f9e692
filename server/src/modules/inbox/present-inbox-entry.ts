import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { IncomingLead, IncomingSource } from '../../db/types-inbox.ts';
import { duplicatesOf, metadataOf, payloadOf } from './present-incoming-lead.ts';

/** Names and stages of the deals, contacts and companies a page of entries points at. */
export async function loadEntryRefs(db: Kysely<DB>, accountId: number, entries: IncomingLead[]) {
  const dealIds = [
    ...new Set(entries.flatMap((e) => [e.deal_id, e.linked_deal_id]).filter((id) => id !== null)),
  ];
  const contactIds = [...new Set(entries.map((e) => e.contact_id).filter((id) => id !== null))];
  const companyIds = [...new Set(entries.map((e) => e.company_id).filter((id) => id !== null))];
  const deals = dealIds.length
    ? await db
        .selectFrom('deals')
        .select(['id', 'name', 'price', 'stage_id', 'pipeline_id', 'responsible_user_id', 'deleted_at'])
        .where('account_id', '=', accountId)
        .where('id', 'in', dealIds)
        .execute()
    : [];
  const contacts = contactIds.length
    ? await db
        .selectFrom('contacts')
        .select(['id', 'name', 'deleted_at'])
        .where('account_id', '=', accountId)
        .where('id', 'in', contactIds)
        .execute()
    : [];
  const companies = companyIds.length
    ? await db
        .selectFrom('companies')
        .select(['id', 'name', 'deleted_at'])
        .where('account_id', '=', accountId)
        .where('id', 'in', companyIds)
        .execute()
    : [];
  return {
    deals: new Map(deals.map((d) => [d.id, d])),
    contacts: new Map(contacts.map((x) => [x.id, x])),
    companies: new Map(companies.map((x) => [x.id, x])),
  };
}
export type EntryRefs = Awaited<ReturnType<typeof loadEntryRefs>>;

const dealOut = (refs: EntryRefs, id: number | null) => {
  const d = id === null ? undefined : refs.deals.get(id);
  return d
    ? {
        id: d.id,
        name: d.name,
        price: d.price,
        stage_id: d.stage_id,
        pipeline_id: d.pipeline_id,
        responsible_user_id: d.responsible_user_id,
        is_deleted: d.deleted_at !== null,
      }
    : null;
};

/** An entry as the Inbox page shows it: source, what arrived, the records made, the matches found. */
export function presentInboxEntry(entry: IncomingLead, source: IncomingSource | undefined, refs: EntryRefs) {
  const contact = entry.contact_id === null ? undefined : refs.contacts.get(entry.contact_id);
  const company = entry.company_id === null ? undefined : refs.companies.get(entry.company_id);
  return {
    uid: entry.uid,
    category: entry.category,
    status: entry.status,
    source: source ? { id: source.id, uid: source.source_uid, name: source.name } : null,
    pipeline_id: entry.pipeline_id,
    deal: dealOut(refs, entry.deal_id),
    linked_deal: dealOut(refs, entry.linked_deal_id),
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          is_new: entry.contact_is_new === 1,
          is_deleted: contact.deleted_at !== null,
        }
      : null,
    company: company ? { id: company.id, name: company.name, is_deleted: company.deleted_at !== null } : null,
    metadata: metadataOf(entry),
    payload: payloadOf(entry),
    duplicates: duplicatesOf(entry),
    decided_by: entry.decided_by,
    decided_at: entry.decided_at,
    created_at: entry.created_at,
  };
}
export type InboxEntryOut = ReturnType<typeof presentInboxEntry>;
