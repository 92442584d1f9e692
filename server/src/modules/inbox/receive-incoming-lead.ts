import { randomUUID } from 'node:crypto';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingCategory, IncomingLead } from '../../db/types-inbox.ts';
import type { CompanyInput } from '../companies/companies.schema.ts';
import type { ContactInput } from '../contacts/contacts.schema.ts';
import type { Ctx } from '../context.ts';
import { createComplexDeal, type ComplexDealInput } from '../deals/create-complex-deals.ts';
import { createNotes } from '../notes/create-notes.ts';
import { refuse } from '../pipelines/errors.ts';
import { ensureDefaultPipeline } from '../pipelines/ensure-default-pipeline.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStageOfKind } from '../pipelines/stages.repo.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import type { InboxChannel } from '../../db/types-leads.ts';
import { acceptIncomingLead, firstOpenStage } from './accept-incoming-lead.ts';
import { autoAcceptTarget } from './inbox-auto-accept.ts';
import { companyTaxIds, contactKeys, contactLabel } from './arrival-values.ts';
import { matchArrival } from '../duplicates/match-arrival.ts';
import { joinOpenDeal } from './join-open-deal.ts';
import { insertIncomingLead, upsertSource } from './inbox.repo.ts';
import type { incomingDealSchema } from './inbox.schema.ts';
import type { z } from 'zod';

export type IncomingDealInput = z.infer<typeof incomingDealSchema>;

/** A lead arriving by itself: from a web form, a call, a chat, a mail or the API. */
export type Arrival = {
  category: IncomingCategory;
  /** The channel for auto-accept when it is not the category (`api` for /api/v4/leads/unsorted). */
  channel?: InboxChannel | undefined;
  sourceUid: string;
  sourceName: string;
  pipelineId?: number | undefined;
  createdAt?: number | undefined;
  deal?: IncomingDealInput | undefined;
  contact?: ContactInput | undefined;
  /** The arrival is from this live contact already (e.g. a chat linked to it): no new contact. */
  knownContactId?: number | undefined;
  company?: CompanyInput | undefined;
  /** amoCRM's metadata of the category (form page and IP, call phone and duration, ...). */
  metadata: Record<string, unknown>;
  /** Anything else worth showing as it arrived: form answers, the first message, the mail body. */
  extra?: Record<string, unknown> | undefined;
  /** Written as a note on the new deal (form answers, the first message), so the card shows it. */
  note?: string | undefined;
};

const clip = (s: string) => (s.length > 255 ? `${s.slice(0, 254)}…` : s);

/**
 * Puts an arrival into the incoming-leads inbox: a deal in the pipeline's incoming stage with its
 * contact and company, made by the same command as POST /leads/complex (so its events and
 * triggers are the usual ones). Duplicate control runs first, by the account's setting
 * (matchArrival): off, warn (a new contact, the matches kept on the entry for the manager to
 * see), or merge: a live contact with the same phone or e-mail (a company with the same name or
 * tax id) is linked instead of being copied, and with "join the open deal" the arrival goes to
 * that contact's open deal instead of a new one (the entry is then recorded as linked). When the pipeline takes no incoming leads,
 * or the source (or the pipeline, for the arrival's channel) is set to auto-accept, the entry is
 * accepted at once, by the same command as a manager's accept.
 */
export function receiveIncomingLead(ctx: Ctx, arrival: Arrival): Promise<IncomingLead> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const pipeline =
      arrival.pipelineId === undefined
        ? await ensureDefaultPipeline(db, c.account)
        : await findPipeline(db, accountId, arrival.pipelineId);
    if (!pipeline) throw refuse(`Pipeline ${arrival.pipelineId ?? ''} not found`, 'pipeline_id', 'NotFound');
    if (pipeline.is_archive) throw refuse('The pipeline is archived', 'pipeline_id', 'NotSupportedChoice');
    const incoming = await findStageOfKind(db, accountId, pipeline.id, 'incoming');
    if (!incoming) throw refuse('The pipeline has no incoming stage', 'pipeline_id', 'NotSupportedChoice');
    const now = nowSeconds();
    const createdAt = arrival.createdAt ?? now;
    const source = await upsertSource(
      db,
      accountId,
      arrival.category,
      arrival.sourceUid,
      arrival.sourceName,
      arrival.pipelineId ?? null,
      now,
    );

    const { phones, emails } = await contactKeys(db, accountId, arrival.contact);
    const match = await matchArrival(c, {
      phones,
      emails,
      companyName: arrival.company ? (arrival.company.name ?? '') : undefined,
      taxIds: await companyTaxIds(db, accountId, arrival.company),
    });
    const contactDups = arrival.contact ? match.contacts : [];
    const companyDups = arrival.company ? match.companies : [];
    const existingContact =
      arrival.knownContactId !== undefined
        ? { id: arrival.knownContactId }
        : match.contactId === null
          ? undefined
          : { id: match.contactId };
    const existingCompany = match.companyId === null ? undefined : { id: match.companyId };
    const label = contactLabel(arrival.contact) || phones[0] || emails[0] || '';
    const payload = JSON.stringify({
      contact: arrival.contact ? { name: label, phones, emails } : null,
      company: arrival.company ? { name: arrival.company.name ?? '' } : null,
      ...arrival.extra,
    });
    const duplicates = JSON.stringify([...contactDups, ...companyDups]);

    if (match.openDealId !== null && existingContact) {
      return joinOpenDeal(c, arrival, {
        dealId: match.openDealId,
        contactId: existingContact.id,
        companyId: existingCompany?.id ?? null,
        sourceId: source.id,
        pipelineId: pipeline.id,
        createdAt,
        payload,
        duplicates,
      });
    }

    const { _embedded: dealEmbedded, ...deal } = arrival.deal ?? {};
    const input: ComplexDealInput = {
      ...deal,
      name: deal.name || clip(label ? `${arrival.sourceName}: ${label}` : arrival.sourceName),
      pipeline_id: pipeline.id,
      status_id: incoming.id,
      created_at: createdAt,
      _embedded: {
        tags: dealEmbedded?.tags,
        contacts: arrival.contact ? [existingContact ? { id: existingContact.id } : arrival.contact] : [],
        companies: arrival.company ? [existingCompany ? { id: existingCompany.id } : arrival.company] : [],
      },
    };
    const made = await createComplexDeal(c, input, { linkDuplicates: false });
    const note = arrival.note?.trim().slice(0, 20_000);
    if (note) {
      await createNotes(c, 'leads', [
        { requestId: '0', entity_id: made.deal.id, note_type: 'common', params: { text: note } },
      ]);
    }

    let entry = await insertIncomingLead(db, {
      account_id: accountId,
      uid: randomUUID(),
      category: arrival.category,
      source_id: source.id,
      pipeline_id: pipeline.id,
      status: 'new',
      deal_id: made.deal.id,
      contact_id: made.contactId,
      company_id: made.companyId,
      contact_is_new: arrival.contact && !existingContact ? 1 : 0,
      metadata: JSON.stringify(arrival.metadata),
      payload,
      duplicates,
      linked_deal_id: null,
      decided_by: null,
      decided_at: null,
      created_at: createdAt,
      updated_at: now,
    });

    const firstStage =
      pipeline.is_unsorted_on === 0 ? await firstOpenStage(db, accountId, pipeline.id) : null;
    const auto = firstStage
      ? { stageId: firstStage, userId: undefined }
      : await autoAcceptTarget(c, pipeline.id, arrival.channel ?? arrival.category, source);
    if (auto) {
      entry = await acceptIncomingLead(c, entry.uid, {
        stageId: auto.stageId,
        userId: auto.userId,
        auto: true,
      });
    }
    return entry;
  });
}
