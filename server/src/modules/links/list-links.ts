import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { contactCompanies, dealCompanies, dealContacts } from './links.repo.ts';

/** amoCRM's link item; `metadata.main_contact` on deal-contact links. */
export type LinkView = {
  entity_id: number;
  entity_type: EntityType;
  to_entity_id: number;
  to_entity_type: EntityType;
  metadata?: { main_contact: boolean };
};

/** The links of the given entities of one type, optionally narrowed to one target type / ids. */
export async function listLinks(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityIds: number[],
  filter: { toEntityType?: EntityType; toEntityIds?: number[] } = {},
): Promise<LinkView[]> {
  const view = (entityId: number, toType: EntityType, toId: number, main?: number): LinkView => ({
    entity_id: entityId,
    entity_type: entityType,
    to_entity_id: toId,
    to_entity_type: toType,
    ...(main === undefined ? {} : { metadata: { main_contact: main === 1 } }),
  });
  const links: LinkView[] = [];
  if (entityType === 'leads') {
    for (const r of await dealContacts(db, accountId, { dealIds: entityIds })) {
      links.push(view(r.deal_id, 'contacts', r.contact_id, r.is_main));
    }
    for (const r of await dealCompanies(db, accountId, { dealIds: entityIds }))
      links.push(view(r.id, 'companies', r.company_id));
  } else if (entityType === 'contacts') {
    for (const r of await dealContacts(db, accountId, { contactIds: entityIds })) {
      links.push(view(r.contact_id, 'leads', r.deal_id, r.is_main));
    }
    for (const r of await contactCompanies(db, accountId, { contactIds: entityIds })) {
      links.push(view(r.id, 'companies', r.company_id));
    }
  } else {
    for (const r of await dealCompanies(db, accountId, { companyIds: entityIds }))
      links.push(view(r.company_id, 'leads', r.id));
    for (const r of await contactCompanies(db, accountId, { companyIds: entityIds })) {
      links.push(view(r.company_id, 'contacts', r.id));
    }
  }
  return links.filter(
    (l) =>
      (filter.toEntityType === undefined || l.to_entity_type === filter.toEntityType) &&
      (filter.toEntityIds === undefined || filter.toEntityIds.includes(l.to_entity_id)),
  );
}
