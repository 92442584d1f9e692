import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { runInTransaction } from '../fields/run-in-transaction.ts';
import { findContact, updateContactRow } from './contacts.repo.ts';

/** Brings a deleted contact back (beyond amoCRM, whose API cannot); a live one stays as it is. */
export async function restoreContact(ctx: Ctx, id: number): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const contact = await findContact(tx.db, tx.accountId, id, { deleted: true });
    if (!contact) throw notFound(`No contact ${id}`);
    await authorizeRecord(tx, 'contacts', 'delete', contact);
    if (contact.deleted_at === null) return;
    const now = nowSeconds();
    await updateContactRow(tx.db, tx.accountId, id, {
      deleted_at: null,
      updated_at: now,
      updated_by: tx.userId,
    });
    await recordEvents(tx.db, [
      {
        accountId: tx.accountId,
        type: 'contact.restored',
        entityType: 'contacts',
        entityId: id,
        createdBy: tx.userId,
      },
    ]);
  });
}
