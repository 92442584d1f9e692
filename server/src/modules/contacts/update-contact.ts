import type { Contact } from '../../db/types-crm.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { badRequest, notFound, type FieldError } from '../../http/problem.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { findCompany } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { joinPath, runInTransaction } from '../fields/run-in-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { checkUsers } from './check-users.ts';
import { findContact, liveContactIds, updateContactRow } from './contacts.repo.ts';
import type { ContactPatch, ContactUpdateItem } from './contacts.schema.ts';
import { fullName } from './create-contact.ts';
import { linkEvents, nameChangedEvent, responsibleChangedEvent } from './entity-events.ts';

/** The new name: as given, else re-derived when first or last name changes, else unchanged. */
function nextName(contact: Contact, patch: ContactPatch): { name: string; first: string; last: string } {
  const first = patch.first_name ?? contact.first_name;
  const last = patch.last_name ?? contact.last_name;
  const derived =
    patch.first_name !== undefined || patch.last_name !== undefined ? fullName(first, last) : '';
  return { name: patch.name ?? (derived || contact.name), first, last };
}

async function applyPatch(ctx: Ctx, contact: Contact, patch: ContactPatch, path: string): Promise<number> {
  const errors: FieldError[] = await checkUsers(ctx, patch, path);
  const links = patch._embedded?.companies;
  const companyId = links === undefined ? contact.company_id : (links[0]?.id ?? null);
  if (links !== undefined && companyId !== null && !(await findCompany(ctx.db, ctx.accountId, companyId))) {
    errors.push({
      code: 'NotFound',
      path: joinPath(path, '_embedded.companies.0.id'),
      detail: `No company ${companyId}`,
    });
  }
  if (errors.length > 0) throw badRequest(errors);

  const { name, first, last } = nextName(contact, patch);
  const responsible = patch.responsible_user_id ?? contact.responsible_user_id;
  const updatedAt = patch.updated_at ?? nowSeconds();
  await updateContactRow(ctx.db, ctx.accountId, contact.id, {
    name,
    name_lc: name.toLowerCase(),
    first_name: first,
    last_name: last,
    company_id: companyId,
    responsible_user_id: responsible,
    ...(patch.created_at !== undefined ? { created_at: patch.created_at } : {}),
    ...(patch.created_by !== undefined ? { created_by: patch.created_by } : {}),
    updated_by: patch.updated_by ?? ctx.userId,
    updated_at: updatedAt,
  });
  const events: EventInput[] = [];
  if (name !== contact.name)
    events.push(nameChangedEvent(ctx, 'contact.name_changed', 'contacts', contact.id, contact.name, name));
  if (responsible !== contact.responsible_user_id) {
    events.push(
      responsibleChangedEvent(ctx, 'contacts', contact.id, contact.responsible_user_id, responsible),
    );
  }
  if (companyId !== contact.company_id) {
    if (contact.company_id !== null)
      events.push(...linkEvents(ctx, 'entity.unlinked', contact.id, contact.company_id));
    if (companyId !== null) events.push(...linkEvents(ctx, 'entity.linked', contact.id, companyId));
  }
  await recordEvents(ctx.db, events);

  await writeFieldValues(ctx, 'contacts', contact.id, patch.custom_fields_values ?? [], path);
  const tags = patch._embedded?.tags;
  if (tags !== undefined) await setEntityTags(ctx, 'contacts', contact.id, tags ?? [], 'replace', path);
  if (patch.tags_to_add) await setEntityTags(ctx, 'contacts', contact.id, patch.tags_to_add, 'add', path);
  if (patch.tags_to_delete)
    await setEntityTags(ctx, 'contacts', contact.id, patch.tags_to_delete, 'remove', path);
  return updatedAt;
}

/** PATCH /api/v4/contacts/{id}: 404 for a contact the account does not have (or deleted). */
export async function updateContact(
  ctx: Ctx,
  id: number,
  patch: ContactPatch,
  pathPrefix = '',
): Promise<{ id: number; updated_at: number }> {
  return runInTransaction(ctx, async (tx) => {
    const contact = await findContact(tx.db, tx.accountId, id);
    if (!contact) throw notFound(`No contact ${id}`);
    await authorizeRecord(tx, 'contacts', 'edit', contact);
    return { id, updated_at: await applyPatch(tx, contact, patch, pathPrefix) };
  });
}

/** PATCH /api/v4/contacts: all items or none; an unknown id is a 400 naming `N.id`. */
export async function updateContacts(
  ctx: Ctx,
  items: ContactUpdateItem[],
): Promise<Array<{ id: number; updated_at: number; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const live = await liveContactIds(
      tx.db,
      tx.accountId,
      items.map((i) => i.id),
    );
    const missing = items.flatMap((item, i) =>
      live.has(item.id) ? [] : [{ code: 'NotFound', path: `${i}.id`, detail: `No contact ${item.id}` }],
    );
    if (missing.length > 0) throw badRequest(missing);
    const out: Array<{ id: number; updated_at: number; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const done = await updateContact(tx, item.id, item, String(i));
      out.push({ ...done, request_id: requestIdOf(item, i) });
    }
    return out;
  });
}
