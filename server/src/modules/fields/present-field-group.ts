import type { FastifyRequest } from 'fastify';
import { absoluteUrl } from '../../http/hal.ts';
import type { FieldGroup } from './field-groups.repo.ts';

/** A group as amoCRM's CustomFieldGroup; ids are numbers, as the reference spec types them. */
export const presentFieldGroup = (request: FastifyRequest, g: FieldGroup) => ({
  id: Number(g.id),
  name: g.name,
  sort: g.sort,
  is_predefined: g.is_predefined === 1,
  entity_type: g.entity_type,
  _links: { self: { href: absoluteUrl(request, `/api/v4/${g.entity_type}/custom_fields/groups/${g.id}`) } },
});
