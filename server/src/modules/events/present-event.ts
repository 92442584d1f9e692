import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CrmEvent } from '../../db/types-crm.ts';
import { absoluteUrl } from '../../http/hal.ts';
import { entityNames } from '../links/entity-refs.repo.ts';
import { amoTypeOf, singularEntity } from './amo-event-types.ts';
import { amoValues } from './event-values.ts';

/** with=lead_name / contact_name / company_name: which entity types get their names embedded. */
const nameWiths = { lead_name: 'leads', contact_name: 'contacts', company_name: 'companies' } as const;

/** Names of the events' entities the client asked for with `with=…_name`. */
export async function namesFor(
  db: Kysely<DB>,
  accountId: number,
  events: CrmEvent[],
  withs: Set<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [w, type] of Object.entries(nameWiths)) {
    if (!withs.has(w)) continue;
    const ids = events.filter((e) => e.entity_type === type).map((e) => e.entity_id);
    for (const [id, name] of await entityNames(db, accountId, type, ids)) names.set(`${type}:${id}`, name);
  }
  return names;
}

/** amoCRM's Event: singular entity type, value arrays in amoCRM's shapes, the entity embedded. */
export function presentEvent(request: FastifyRequest, e: CrmEvent, names: Map<string, string>) {
  const name = names.get(`${e.entity_type}:${e.entity_id}`);
  return {
    id: e.id,
    type: amoTypeOf(e.type, e.subtype) ?? e.type,
    entity_id: e.entity_id,
    entity_type: singularEntity[e.entity_type] ?? e.entity_type,
    created_by: e.created_by,
    created_at: e.created_at,
    value_after: amoValues(e.value_after),
    value_before: amoValues(e.value_before),
    account_id: e.account_id,
    _links: { self: { href: absoluteUrl(request, `/api/v4/events/${e.id}`) } },
    _embedded: {
      entity: {
        id: e.entity_id,
        ...(name !== undefined ? { name } : {}),
        _links: { self: { href: absoluteUrl(request, `/api/v4/${e.entity_type}/${e.entity_id}`) } },
      },
    },
  };
}
