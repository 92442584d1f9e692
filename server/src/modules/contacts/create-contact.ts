import { nowSeconds } from '../../db/schema-helpers.ts';
import { badRequest } from '../../http/problem.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { findCompany } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { joinPath, runInTransaction } from '../fields/run-in-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { checkUsers } from './check-users.ts';
import { insertContact } from './contacts.repo.ts';
import type { ContactInput } from './contacts.schema.ts';
import { createdEvent, linkEvents } from './entity-events.ts';

export { contactInputSchema, type ContactInput } from './contacts.schema.ts';

/** "First Last" when no name is given, as amoCRM shows such a contact. */
export const fullName = (first: string, last: string): string =>
  [first, last].filter((s) => s !== '').join(' ');

/**
 * Creates a contact with its field values, tags and company link, writing contact.created and
 * the related events in the same transaction (the caller's, when ctx.db is one). Bad input is a
 * 400 whose paths start with `pathPrefix` (e.g. `0` or `_embedded.contacts.0`). The responsible
 * user defaults to the acting user, as in amoCRM.
 */
export async function createContact(ctx: Ctx, input: ContactInput, pathPrefix = ''): Promise<{ id: number }> {
  return runInTransaction(ctx, async (tx) => {
    const errors = await checkUsers(tx, input, pathPrefix);
    const companyId = input._embedded?.companies?.[0]?.id;
    if (companyId !== undefined && !(await findCompany(tx.db, tx.accountId, companyId))) {
      const path = joinPath(pathPrefix, '_embedded.companies.0.id');
      errors.push({ code: 'NotFound', path, detail: `No company ${companyId}` });
    }
    if (errors.length > 0) throw badRequest(errors);
    await authorizeRecord(tx, 'contacts', 'add', {
      id: 0,
      responsible_user_id: input.responsible_user_id ?? (tx.userId || null),
    });
    const now = nowSeconds();
    const first = input.first_name ?? '';
    const last = input.last_name ?? '';
    const name = input.name || fullName(first, last);
    const id = await insertContact(tx.db, {
      account_id: tx.accountId,
      name,
      name_lc: name.toLowerCase(),
      first_name: first,
      last_name: last,
      company_id: companyId ?? null,
      responsible_user_id: input.responsible_user_id ?? (tx.userId || null),
      created_by: input.created_by ?? tx.userId,
      updated_by: input.updated_by ?? tx.userId,
      created_at: input.created_at ?? now,
      updated_at: input.updated_at ?? input.created_at ?? now,
    });
    await recordEvents(tx.db, [
      createdEvent(tx, 'contact.created', 'contacts', id, name),
      ...(companyId !== undefined ? linkEvents(tx, 'entity.linked', id, companyId) : []),
    ]);
    await writeFieldValues(tx, 'contacts', id, input.custom_fields_values ?? [], pathPrefix);
    if (input._embedded?.tags)
      await setEntityTags(tx, 'contacts', id, input._embedded.tags, 'replace', pathPrefix);
    if (input.tags_to_add) await setEntityTags(tx, 'contacts', id, input.tags_to_add, 'add', pathPrefix);
    return { id };
  });
}

/** POST /api/v4/contacts: all items or none; answers ids with request ids. */
export async function createContacts(
  ctx: Ctx,
  items: ContactInput[],
): Promise<Array<{ id: number; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const out: Array<{ id: number; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const { id } = await createContact(tx, item, String(i));
      out.push({ id, request_id: requestIdOf(item, i) });
    }
    return out;
  });
}
