import type { FastifyRequest } from 'fastify';
import type { Company } from '../../db/types-crm.ts';
import { absoluteUrl } from '../../http/hal.ts';
import { ref } from '../contacts/present-contacts.ts';
import type { Ctx } from '../context.ts';
import { readFieldValues } from '../fields/field-values.ts';
import { presentFieldValues } from '../fields/present-field-values.ts';
import { readEntityTags } from '../tags/entity-tags.ts';
import { presentTag } from '../tags/present-tag.ts';
import { contactsOfCompanies, dealsOfCompanies } from './companies.repo.ts';

/**
 * Companies as amoCRM's Company: tags always embedded, contacts with `with=contacts`, deals
 * with `with=leads`. Null-valued integers amoCRM sends are left out (the spec types them).
 */
export async function presentCompanies(
  request: FastifyRequest,
  ctx: Ctx,
  rows: Company[],
  withs: Set<string>,
) {
  const ids = rows.map((r) => r.id);
  const fields = await readFieldValues(ctx.db, ctx.accountId, 'companies', ids);
  const tags = await readEntityTags(ctx.db, ctx.accountId, 'companies', ids);
  const contacts = withs.has('contacts') ? await contactsOfCompanies(ctx.db, ctx.accountId, ids) : [];
  const deals = withs.has('leads') ? await dealsOfCompanies(ctx.db, ctx.accountId, ids) : [];
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.responsible_user_id !== null ? { responsible_user_id: c.responsible_user_id } : {}),
    group_id: c.group_id,
    created_by: c.created_by,
    updated_by: c.updated_by,
    created_at: c.created_at,
    updated_at: c.updated_at,
    ...(c.closest_task_at !== null ? { closest_task_at: c.closest_task_at } : {}),
    is_deleted: false,
    custom_fields_values: presentFieldValues(fields.get(c.id)),
    account_id: c.account_id,
    _links: { self: { href: absoluteUrl(request, `/api/v4/companies/${c.id}`) } },
    _embedded: {
      tags: (tags.get(c.id) ?? []).map(presentTag),
      ...(withs.has('contacts')
        ? {
            contacts: contacts
              .filter((x) => x.company_id === c.id)
              .map((x) => ref(request, 'contacts', x.contact_id)),
          }
        : {}),
      ...(withs.has('leads')
        ? { leads: deals.filter((d) => d.company_id === c.id).map((d) => ref(request, 'leads', d.deal_id)) }
        : {}),
      ...(withs.has('customers') ? { customers: [] } : {}),
      ...(withs.has('catalog_elements') ? { catalog_elements: [] } : {}),
    },
  }));
}
