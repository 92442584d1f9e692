import { randomUUID } from 'node:crypto';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingLead } from '../../db/types-inbox.ts';
import { raiseDealSignal } from '../automation/raise-deal-signal.ts';
import type { Ctx } from '../context.ts';
import { linkDealContacts } from '../deals/link-deal-entities.ts';
import { createNotes } from '../notes/create-notes.ts';
import { arrivalSignal } from './accept-incoming-lead.ts';
import { insertIncomingLead } from './inbox.repo.ts';
import type { Arrival } from './receive-incoming-lead.ts';

type Target = {
  dealId: number;
  contactId: number;
  companyId: number | null;
  sourceId: number;
  pipelineId: number;
  createdAt: number;
  payload: string;
  duplicates: string;
};

/**
 * Duplicate control's "join the open deal": an arrival from a known contact with an open deal
 * adds to that deal (a note with what arrived, the contact linked, the arrival's signal raised
 * so the deal's stage triggers fire) instead of creating a second deal. The inbox keeps an
 * entry, already decided as linked to that deal, for the log.
 */
export async function joinOpenDeal(c: Ctx, arrival: Arrival, t: Target): Promise<IncomingLead> {
  await linkDealContacts(c, t.dealId, [{ id: t.contactId }]);
  const text = arrival.note?.trim().slice(0, 20_000) || arrival.sourceName;
  await createNotes(c, 'leads', [
    { requestId: '0', entity_id: t.dealId, note_type: 'common', params: { text } },
  ]);
  await raiseDealSignal(c, t.dealId, arrivalSignal[arrival.category]);
  const now = nowSeconds();
  return insertIncomingLead(c.db, {
    account_id: c.accountId,
    uid: randomUUID(),
    category: arrival.category,
    source_id: t.sourceId,
    pipeline_id: t.pipelineId,
    status: 'linked',
    deal_id: null,
    contact_id: t.contactId,
    company_id: t.companyId,
    contact_is_new: 0,
    metadata: JSON.stringify(arrival.metadata),
    payload: t.payload,
    duplicates: t.duplicates,
    linked_deal_id: t.dealId,
    decided_by: 0,
    decided_at: now,
    created_at: t.createdAt,
    updated_at: now,
  });
}
