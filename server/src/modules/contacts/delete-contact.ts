import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { findContact, updateContactRow } from './contacts.repo.ts';

/**
 * Soft-deletes a contact: it leaves lists, searches and duplicate control, keeping its values,
 * tags and links so restoreContact brings it back whole.
 */
export async function deleteContact(ctx: Ctx, id: number): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const contact = await findContact(tx.db, tx.accountId, id);
    if (!contact) throw notFound(`No contact ${id}`);
    await authorizeRecord(tx, 'contacts', 'delete', contact);
    const now = nowSeconds();
    await updateContactRow(tx.db, tx.accountId, id, {
      deleted_at: now,
      updated_at: now,
      updated_by: tx.userId,
    });
    await recordEvents(tx.db, [
      {
        accountId: tx.accountId,
        type: 'contact.deleted',
        entityType: 'contacts',
        entityId: id,
        createdBy: tx.userId,
      },
    ]);
  });
}
