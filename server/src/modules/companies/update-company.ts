import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Company } from '../../db/types-crm.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { checkUsers } from '../contacts/check-users.ts';
import { nameChangedEvent, responsibleChangedEvent } from '../contacts/entity-events.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { findCompany, liveCompanyIds, updateCompanyRow } from './companies.repo.ts';
import type { CompanyPatch, CompanyUpdateItem } from './companies.schema.ts';

async function applyPatch(ctx: Ctx, company: Company, patch: CompanyPatch, path: string): Promise<number> {
  const errors = await checkUsers(ctx, patch, path);
  if (errors.length > 0) throw badRequest(errors);
  const name = patch.name ?? company.name;
  const responsible = patch.responsible_user_id ?? company.responsible_user_id;
  const updatedAt = patch.updated_at ?? nowSeconds();
  await updateCompanyRow(ctx.db, ctx.accountId, company.id, {
    name,
    name_lc: name.toLowerCase(),
    responsible_user_id: responsible,
    ...(patch.created_at !== undefined ? { created_at: patch.created_at } : {}),
    ...(patch.created_by !== undefined ? { created_by: patch.created_by } : {}),
    updated_by: patch.updated_by ?? ctx.userId,
    updated_at: updatedAt,
  });
  const events: EventInput[] = [];
  if (name !== company.name) {
    events.push(nameChangedEvent(ctx, 'company.name_changed', 'companies', company.id, company.name, name));
  }
  if (responsible !== company.responsible_user_id) {
    events.push(
      responsibleChangedEvent(ctx, 'companies', company.id, company.responsible_user_id, responsible),
    );
  }
  await recordEvents(ctx.db, events);
  await writeFieldValues(ctx, 'companies', company.id, patch.custom_fields_values ?? [], path);
  const tags = patch._embedded?.tags;
  if (tags !== undefined) await setEntityTags(ctx, 'companies', company.id, tags ?? [], 'replace', path);
  if (patch.tags_to_add) await setEntityTags(ctx, 'companies', company.id, patch.tags_to_add, 'add', path);
  if (patch.tags_to_delete)
    await setEntityTags(ctx, 'companies', company.id, patch.tags_to_delete, 'remove', path);
  return updatedAt;
}

/** PATCH /api/v4/companies/{id}: 404 for a company the account does not have (or deleted). */
export async function updateCompany(
  ctx: Ctx,
  id: number,
  patch: CompanyPatch,
  pathPrefix = '',
): Promise<{ id: number; updated_at: number }> {
  return runInTransaction(ctx, async (tx) => {
    const company = await findCompany(tx.db, tx.accountId, id);
    if (!company) throw notFound(`No company ${id}`);
    await authorizeRecord(tx, 'companies', 'edit', company);
    return { id, updated_at: await applyPatch(tx, company, patch, pathPrefix) };
  });
}

/** PATCH /api/v4/companies: all items or none; an unknown id is a 400 naming `N.id`. */
export async function updateCompanies(
  ctx: Ctx,
  items: CompanyUpdateItem[],
): Promise<Array<{ id: number; updated_at: number; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const live = await liveCompanyIds(
      tx.db,
      tx.accountId,
      items.map((i) => i.id),
    );
    const missing = items.flatMap((item, i) =>
      live.has(item.id) ? [] : [{ code: 'NotFound', path: `${i}.id`, detail: `No company ${item.id}` }],
    );
    if (missing.length > 0) throw badRequest(missing);
    const out: Array<{ id: number; updated_at: number; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const done = await updateCompany(tx, item.id, item, String(i));
      out.push({ ...done, request_id: requestIdOf(item, i) });
    }
    return out;
  });
}
