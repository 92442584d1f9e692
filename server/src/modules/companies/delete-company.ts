import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { findCompany, updateCompanyRow } from './companies.repo.ts';

/**
 * Soft-deletes a company: it leaves lists and its contacts' `_embedded.companies`, keeping its
 * values, tags and links so restoreCompany brings it back whole.
 */
export async function deleteCompany(ctx: Ctx, id: number): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const company = await findCompany(tx.db, tx.accountId, id);
    if (!company) throw notFound(`No company ${id}`);
    await authorizeRecord(tx, 'companies', 'delete', company);
    const now = nowSeconds();
    await updateCompanyRow(tx.db, tx.accountId, id, {
      deleted_at: now,
      updated_at: now,
      updated_by: tx.userId,
    });
    await recordEvents(tx.db, [
      {
        accountId: tx.accountId,
        type: 'company.deleted',
        entityType: 'companies',
        entityId: id,
        createdBy: tx.userId,
      },
    ]);
  });
}
