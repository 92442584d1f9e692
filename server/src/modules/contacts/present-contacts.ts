import type { FastifyRequest } from 'fastify';
import type { Contact } from '../../db/types-crm.ts';
import { absoluteUrl } from '../../http/hal.ts';
import { liveCompanyIds } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import { readFieldValues } from '../fields/field-values.ts';
import { presentFieldValues } from '../fields/present-field-values.ts';
import { readEntityTags } from '../tags/entity-tags.ts';
import { presentTag } from '../tags/present-tag.ts';
import { dealsOfContacts } from './contacts.repo.ts';

/** `{ id, _links: { self } }`, how amoCRM embeds a related entity. */
export const ref = (request: FastifyRequest, entity: string, id: number) => ({
  id,
  _links: { self: { href: absoluteUrl(request, `/api/v4/${entity}/${id}`) } },
});

/**
 * Contacts as amoCRM's Contact: tags and the company always embedded, deals with `with=leads`
 * (catalog_elements and customers, which Voronka does not have, as empty lists when asked for).
 * Keys amoCRM sends as null (closest_task_at, responsible_user_id) are left out when empty,
 * since the reference spec types them as integers.
 */
export async function presentContacts(
  request: FastifyRequest,
  ctx: Ctx,
  rows: Contact[],
  withs: Set<string>,
) {
  const ids = rows.map((r) => r.id);
  const fields = await readFieldValues(ctx.db, ctx.accountId, 'contacts', ids);
  const tags = await readEntityTags(ctx.db, ctx.accountId, 'contacts', ids);
  const companies = await liveCompanyIds(
    ctx.db,
    ctx.accountId,
    rows.flatMap((r) => (r.company_id === null ? [] : [r.company_id])),
  );
  const deals = withs.has('leads') ? await dealsOfContacts(ctx.db, ctx.accountId, ids) : [];
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    first_name: c.first_name,
    last_name: c.last_name,
    ...(c.responsible_user_id !== null ? { responsible_user_id: c.responsible_user_id } : {}),
    group_id: c.group_id,
    created_by: c.created_by,
    updated_by: c.updated_by,
    created_at: c.created_at,
    updated_at: c.updated_at,
    ...(c.closest_task_at !== null ? { closest_task_at: c.closest_task_at } : {}),
    is_deleted: false,
    is_unsorted: false,
    custom_fields_values: presentFieldValues(fields.get(c.id)),
    account_id: c.account_id,
    _links: { self: { href: absoluteUrl(request, `/api/v4/contacts/${c.id}`) } },
    _embedded: {
      tags: (tags.get(c.id) ?? []).map(presentTag),
      companies:
        c.company_id !== null && companies.has(c.company_id) ? [ref(request, 'companies', c.company_id)] : [],
      ...(withs.has('leads')
        ? { leads: deals.filter((d) => d.contact_id === c.id).map((d) => ref(request, 'leads', d.deal_id)) }
        : {}),
      ...(withs.has('customers') ? { customers: [] } : {}),
      ...(withs.has('catalog_elements') ? { catalog_elements: [] } : {}),
    },
  }));
}
