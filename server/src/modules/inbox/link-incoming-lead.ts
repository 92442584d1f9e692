import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingLead } from '../../db/types-inbox.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { linkDealContacts } from '../deals/link-deal-entities.ts';
import { createNotes } from '../notes/create-notes.ts';
import { refuse } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { actingUser, pendingEntry } from './accept-incoming-lead.ts';
import { discardEntryRecords } from './decline-incoming-lead.ts';
import { decideIncomingLead, findSource } from './inbox.repo.ts';
import { describeArrival } from './present-incoming-lead.ts';

/**
 * Links an incoming lead to a deal that already exists (the client wrote again about the same
 * order): its contact joins that deal, what arrived becomes a note on it, its conversation moves
 * to it, and the entry's own deal goes to the trash. The entry stays, pointing at the deal.
 */
export function linkIncomingLead(
  ctx: Ctx,
  uid: string,
  dealId: number,
  userId?: number,
): Promise<IncomingLead> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const entry = await pendingEntry(c, uid);
    const decidedBy = await actingUser(c, userId);
    if (dealId === entry.deal_id)
      throw refuse('Choose another deal than the incoming one', 'link.entity_id', 'InvalidValue');
    const target = await findDeal(db, accountId, dealId);
    if (!target) throw refuse(`Deal ${dealId} not found`, 'link.entity_id', 'NotFound');
    if (entry.contact_id !== null) await linkDealContacts(c, target.id, [{ id: entry.contact_id }]);
    const source = await findSource(db, accountId, entry.source_id);
    await createNotes(c, 'leads', [
      {
        requestId: '0',
        entity_id: target.id,
        note_type: 'common',
        params: { text: describeArrival(entry, source?.name ?? '') },
      },
    ]);
    if (entry.deal_id !== null) {
      await db
        .updateTable('conversations')
        .set({ deal_id: target.id, updated_at: nowSeconds() })
        .where('account_id', '=', accountId)
        .where('deal_id', '=', entry.deal_id)
        .execute();
      await db
        .updateTable('messages')
        .set({ deal_id: target.id })
        .where('account_id', '=', accountId)
        .where('deal_id', '=', entry.deal_id)
        .execute();
    }
    await discardEntryRecords(c, entry);
    const now = nowSeconds();
    const decided = await decideIncomingLead(db, accountId, entry.id, {
      status: 'linked',
      linked_deal_id: target.id,
      decided_by: decidedBy,
      decided_at: now,
      updated_at: now,
    });
    if (!decided) throw refuse('The incoming lead was decided by someone else', 'uid', 'AlreadyDecided');
    return decided;
  });
}
