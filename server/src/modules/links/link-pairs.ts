import type { EventInput } from '../events/record-event.ts';
import type { EntityType } from '../../db/types-crm.ts';

/** A link in the storage's terms, whichever side the request named first. */
export type LinkPair =
  | { kind: 'deal-contact'; dealId: number; contactId: number }
  | { kind: 'deal-company'; dealId: number; companyId: number }
  | { kind: 'contact-company'; contactId: number; companyId: number };

export type LinkRequest = {
  requestId: string;
  entityId: number;
  toEntityType: EntityType;
  toEntityId: number;
  isMain: boolean;
};

export function toPair(
  entityType: EntityType,
  entityId: number,
  toType: EntityType,
  toId: number,
): LinkPair | null {
  const ids: Partial<Record<EntityType, number>> = { [entityType]: entityId, [toType]: toId };
  const { leads: dealId, contacts: contactId, companies: companyId } = ids;
  if (dealId !== undefined && contactId !== undefined) return { kind: 'deal-contact', dealId, contactId };
  if (dealId !== undefined && companyId !== undefined) return { kind: 'deal-company', dealId, companyId };
  if (contactId !== undefined && companyId !== undefined)
    return { kind: 'contact-company', contactId, companyId };
  return null;
}

/** amoCRM's singular entity names, used inside event values. */
export const singular = (type: EntityType) =>
  type === 'leads' ? 'lead' : type === 'contacts' ? 'contact' : 'company';

/** The two sides of a pair as (type, id). */
export function sides(pair: LinkPair): [{ type: EntityType; id: number }, { type: EntityType; id: number }] {
  if (pair.kind === 'deal-contact')
    return [
      { type: 'leads', id: pair.dealId },
      { type: 'contacts', id: pair.contactId },
    ];
  if (pair.kind === 'deal-company')
    return [
      { type: 'leads', id: pair.dealId },
      { type: 'companies', id: pair.companyId },
    ];
  return [
    { type: 'contacts', id: pair.contactId },
    { type: 'companies', id: pair.companyId },
  ];
}

/** 'entity.linked' / 'entity.unlinked' on both entities, each naming the other (amoCRM's shape). */
export function linkEvents(
  pair: LinkPair,
  linked: boolean,
  accountId: number,
  createdBy: number,
): EventInput[] {
  const [a, b] = sides(pair);
  const key = linked ? 'link' : 'unlink';
  const event = (
    self: { type: EntityType; id: number },
    other: { type: EntityType; id: number },
  ): EventInput => ({
    accountId,
    type: linked ? 'entity.linked' : 'entity.unlinked',
    entityType: self.type,
    entityId: self.id,
    createdBy,
    after: [{ [key]: { entity: { type: singular(other.type), id: other.id } } }],
  });
  return [event(a, b), event(b, a)];
}
