import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { findCompany, updateCompanyRow } from './companies.repo.ts';

/** Brings a deleted company back (beyond amoCRM); a live one stays as it is. */
export async function restoreCompany(ctx: Ctx, id: number): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const company = await findCompany(tx.db, tx.accountId, id, { deleted: true });
    if (!company) throw notFound(`No company ${id}`);
    await authorizeRecord(tx, 'companies', 'delete', company);
    if (company.deleted_at === null) return;
    const now = nowSeconds();
    await updateCompanyRow(tx.db, tx.accountId, id, {
      deleted_at: null,
      updated_at: now,
      updated_by: tx.userId,
    });
    await recordEvents(tx.db, [
      {
        accountId: tx.accountId,
        type: 'company.restored',
        entityType: 'companies',
        entityId: id,
        createdBy: tx.userId,
      },
    ]);
  });
}
