import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { touchEntities } from './entity-refs.repo.ts';
import { linkEvents, sides, type LinkPair } from './link-pairs.ts';
import {
  currentCompanyOf,
  dealContacts,
  deleteDealContact,
  setContactCompany,
  setDealCompany,
  setMainContact,
} from './links.repo.ts';
import { authorizeLinks, validateLinks, type LinkInput } from './validate-links.ts';

/** Removes one link if it exists; true when something was removed. */
async function removeLink(ctx: Ctx, pair: LinkPair): Promise<boolean> {
  const { db, accountId } = ctx;
  if (pair.kind === 'deal-contact') {
    const rows = await dealContacts(db, accountId, { dealIds: [pair.dealId], contactIds: [pair.contactId] });
    const existing = rows[0];
    if (!existing) return false;
    await deleteDealContact(db, accountId, pair.dealId, pair.contactId);
    // A deal that lost its main contact gets the next one as main, so its card still shows one.
    if (existing.is_main === 1) await setMainContact(db, accountId, pair.dealId, null);
    return true;
  }
  if (pair.kind === 'deal-company') {
    if ((await currentCompanyOf(db, accountId, 'deals', pair.dealId)) !== pair.companyId) return false;
    await setDealCompany(db, accountId, pair.dealId, null);
    return true;
  }
  if ((await currentCompanyOf(db, accountId, 'contacts', pair.contactId)) !== pair.companyId) return false;
  await setContactCompany(db, accountId, pair.contactId, null);
  return true;
}

/**
 * Unlinks deals, contacts and companies (a batch: all or none; a link that does not exist is
 * skipped). Writes 'entity.unlinked' on both sides and touches both entities' updated_at.
 */
export async function unlinkEntities(
  ctx: Ctx,
  entityType: EntityType,
  items: LinkInput[],
): Promise<LinkPair[]> {
  const planned = await validateLinks(ctx, entityType, items);
  await authorizeLinks(ctx, entityType, planned);
  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const events: EventInput[] = [];
    const removed: LinkPair[] = [];
    for (const { pair } of planned) {
      if (!(await removeLink(tx, pair))) continue;
      removed.push(pair);
      events.push(...linkEvents(pair, false, tx.accountId, tx.userId));
      for (const side of sides(pair))
        await touchEntities(tx.db, tx.accountId, side.type, [side.id], tx.userId, now);
    }
    await recordEvents(tx.db, events, now);
    return removed;
  });
}
