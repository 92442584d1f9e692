import { nowSeconds } from '../../db/schema-helpers.ts';
import { badRequest } from '../../http/problem.ts';
import { requestIdOf } from '../../http/v4-list.ts';
import { checkUsers } from '../contacts/check-users.ts';
import { createdEvent } from '../contacts/entity-events.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { writeFieldValues } from '../fields/field-values.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { setEntityTags } from '../tags/entity-tags.ts';
import { insertCompany } from './companies.repo.ts';
import type { CompanyInput } from './companies.schema.ts';

export { companyInputSchema, type CompanyInput } from './companies.schema.ts';

/**
 * Creates a company with its field values and tags, writing company.created and the related
 * events in the same transaction (the caller's, when ctx.db is one). Bad input is a 400 whose
 * paths start with `pathPrefix`. The responsible user defaults to the acting user.
 */
export async function createCompany(ctx: Ctx, input: CompanyInput, pathPrefix = ''): Promise<{ id: number }> {
  return runInTransaction(ctx, async (tx) => {
    const errors = await checkUsers(tx, input, pathPrefix);
    if (errors.length > 0) throw badRequest(errors);
    await authorizeRecord(tx, 'companies', 'add', {
      id: 0,
      responsible_user_id: input.responsible_user_id ?? (tx.userId || null),
    });
    const now = nowSeconds();
    const name = input.name ?? '';
    const id = await insertCompany(tx.db, {
      account_id: tx.accountId,
      name,
      name_lc: name.toLowerCase(),
      responsible_user_id: input.responsible_user_id ?? (tx.userId || null),
      created_by: input.created_by ?? tx.userId,
      updated_by: input.updated_by ?? tx.userId,
      created_at: input.created_at ?? now,
      updated_at: input.updated_at ?? input.created_at ?? now,
    });
    await recordEvents(tx.db, [createdEvent(tx, 'company.created', 'companies', id, name)]);
    await writeFieldValues(tx, 'companies', id, input.custom_fields_values ?? [], pathPrefix);
    if (input._embedded?.tags)
      await setEntityTags(tx, 'companies', id, input._embedded.tags, 'replace', pathPrefix);
    if (input.tags_to_add) await setEntityTags(tx, 'companies', id, input.tags_to_add, 'add', pathPrefix);
    return { id };
  });
}

/** POST /api/v4/companies: all items or none; answers ids with request ids. */
export async function createCompanies(
  ctx: Ctx,
  items: CompanyInput[],
): Promise<Array<{ id: number; request_id: string }>> {
  return runInTransaction(ctx, async (tx) => {
    const out: Array<{ id: number; request_id: string }> = [];
    for (const [i, item] of items.entries()) {
      const { id } = await createCompany(tx, item, String(i));
      out.push({ id, request_id: requestIdOf(item, i) });
    }
    return out;
  });
}
