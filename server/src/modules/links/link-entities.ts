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
  insertDealContact,
  setContactCompany,
  setDealCompany,
  setMainContact,
} from './links.repo.ts';
import { authorizeLinks, validateLinks, type LinkInput } from './validate-links.ts';

/** Applies one link; returns the events it caused (none when it already existed as asked). */
async function applyLink(ctx: Ctx, pair: LinkPair, isMain: boolean): Promise<EventInput[]> {
  const { db, accountId, userId } = ctx;
  if (pair.kind === 'deal-contact') {
    const rows = await dealContacts(db, accountId, { dealIds: [pair.dealId] });
    const existing = rows.find((r) => r.contact_id === pair.contactId);
    if (!existing) await insertDealContact(db, accountId, pair.dealId, pair.contactId);
    // The first contact of a deal becomes its main contact, as in amoCRM.
    if ((isMain && existing?.is_main !== 1) || !rows.some((r) => r.is_main === 1)) {
      await setMainContact(db, accountId, pair.dealId, pair.contactId);
    }
    return existing ? [] : linkEvents(pair, true, accountId, userId);
  }
  // A deal or a contact has one company: linking another replaces (and unlinks) the old one.
  const [owner, ownerId] =
    pair.kind === 'deal-company'
      ? (['deals', pair.dealId] as const)
      : (['contacts', pair.contactId] as const);
  const current = await currentCompanyOf(db, accountId, owner, ownerId);
  if (current === pair.companyId) return [];
  if (owner === 'deals') await setDealCompany(db, accountId, ownerId, pair.companyId);
  else await setContactCompany(db, accountId, ownerId, pair.companyId);
  const events = linkEvents(pair, true, accountId, userId);
  if (current === null) return events;
  const old: LinkPair =
    pair.kind === 'deal-company'
      ? { kind: 'deal-company', dealId: pair.dealId, companyId: current }
      : { kind: 'contact-company', contactId: pair.contactId, companyId: current };
  return [...linkEvents(old, false, accountId, userId), ...events];
}

/**
 * Links deals, contacts and companies (a batch: all or none): a contact to a deal (optionally as
 * its main contact), a company to a deal or contact (replacing the previous one). Writes
 * 'entity.linked' on both sides and touches both entities' updated_at.
 */
export async function linkEntities(
  ctx: Ctx,
  entityType: EntityType,
  items: LinkInput[],
): Promise<LinkPair[]> {
  const planned = await validateLinks(ctx, entityType, items);
  await authorizeLinks(ctx, entityType, planned);
  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const events: EventInput[] = [];
    for (const { pair, isMain } of planned) {
      const caused = await applyLink(tx, pair, isMain);
      events.push(...caused);
      if (caused.length > 0 || isMain) {
        for (const side of sides(pair))
          await touchEntities(tx.db, tx.accountId, side.type, [side.id], tx.userId, now);
      }
    }
    await recordEvents(tx.db, events, now);
    return planned.map((p) => p.pair);
  });
}
