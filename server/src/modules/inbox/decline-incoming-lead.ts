import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingLead } from '../../db/types-inbox.ts';
import { dealsOfContacts, findContact } from '../contacts/contacts.repo.ts';
import { deleteContact } from '../contacts/delete-contact.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { deleteDeal } from '../deals/delete-deal.ts';
import { refuse } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { actingUser, pendingEntry } from './accept-incoming-lead.ts';
import { decideIncomingLead } from './inbox.repo.ts';

/**
 * Trashes what an entry created and nobody else uses: its deal, and its contact when the contact
 * was made for it and has no other live deal (both restorable from the trash).
 */
export async function discardEntryRecords(ctx: Ctx, entry: IncomingLead): Promise<void> {
  const { db, accountId } = ctx;
  if (entry.deal_id !== null && (await findDeal(db, accountId, entry.deal_id)))
    await deleteDeal(ctx, entry.deal_id);
  if (
    entry.contact_is_new === 1 &&
    entry.contact_id !== null &&
    (await findContact(db, accountId, entry.contact_id))
  ) {
    const deals = await dealsOfContacts(db, accountId, [entry.contact_id]);
    const others = deals.filter((d) => d.deal_id !== entry.deal_id);
    if (others.length === 0) await deleteContact(ctx, entry.contact_id);
  }
}

/** Declines an incoming lead: what it created goes to the trash, the entry stays for the log. */
export function declineIncomingLead(ctx: Ctx, uid: string, userId?: number): Promise<IncomingLead> {
  return withTransaction(ctx, async (c) => {
    const entry = await pendingEntry(c, uid);
    const decidedBy = await actingUser(c, userId);
    await discardEntryRecords(c, entry);
    const now = nowSeconds();
    const decided = await decideIncomingLead(c.db, c.accountId, entry.id, {
      status: 'declined',
      decided_by: decidedBy,
      decided_at: now,
      updated_at: now,
    });
    if (!decided) throw refuse('The incoming lead was decided by someone else', 'uid', 'AlreadyDecided');
    return decided;
  });
}
