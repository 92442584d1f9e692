import type { FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { liveCompanyIds } from '../companies/companies.repo.ts';
import { liveContactIds } from '../contacts/contacts.repo.ts';
import { insertDealContacts, listDealContacts, setMainContact } from './deal-links.repo.ts';
import { updateDealRow } from './deals.repo.ts';

export type ContactRef = { id: number; is_main?: boolean | undefined };
export type LinksInput = {
  contacts?: ContactRef[] | undefined;
  companies?: Array<{ id: number }> | undefined;
};

/** Checks that linked contacts and the company exist in the account (a deal has one company). */
export async function checkLinks(
  ctx: Ctx,
  links: LinksInput | undefined,
  errors: FieldError[],
): Promise<void> {
  if (!links) return;
  const contacts = links.contacts ?? [];
  const found = await liveContactIds(
    ctx.db,
    ctx.accountId,
    contacts.map((c) => c.id),
  );
  contacts.forEach((c, i) => {
    if (!found.has(c.id)) {
      errors.push({
        code: 'NotFound',
        path: `_embedded.contacts.${i}.id`,
        detail: `Contact ${c.id} not found`,
      });
    }
  });
  const companies = links.companies ?? [];
  if (companies.length > 1) {
    errors.push({ code: 'TooMany', path: '_embedded.companies', detail: 'A deal is linked to one company' });
  }
  const companyIds = await liveCompanyIds(
    ctx.db,
    ctx.accountId,
    companies.map((c) => c.id),
  );
  companies.forEach((c, i) => {
    if (!companyIds.has(c.id)) {
      errors.push({
        code: 'NotFound',
        path: `_embedded.companies.${i}.id`,
        detail: `Company ${c.id} not found`,
      });
    }
  });
}

/**
 * Links contacts to a deal (already linked ones are skipped). The contact flagged is_main becomes
 * the main one; with none flagged, a deal that had no contact gets the first as its main.
 */
export async function linkDealContacts(ctx: Ctx, dealId: number, refs: ContactRef[]): Promise<void> {
  if (refs.length === 0) return;
  const { db, accountId } = ctx;
  const existing = await listDealContacts(db, accountId, [dealId]);
  const linked = new Set(existing.map((l) => l.contact_id));
  const fresh = [...new Map(refs.filter((r) => !linked.has(r.id)).map((r) => [r.id, r])).values()];
  const flagged = refs.find((r) => r.is_main === true)?.id;
  const main = flagged ?? (existing.length === 0 ? fresh[0]?.id : undefined);
  await insertDealContacts(
    db,
    accountId,
    dealId,
    fresh.map((r) => ({ contactId: r.id, isMain: false })),
  );
  if (main !== undefined) await setMainContact(db, accountId, dealId, main);
  const events: EventInput[] = fresh.map((r) => ({
    accountId,
    type: 'entity.linked',
    entityType: 'leads',
    entityId: dealId,
    createdBy: ctx.userId,
    after: [{ entity_type: 'contacts', entity_id: r.id, is_main: r.id === main }],
  }));
  await recordEvents(db, events);
}

/** Sets (or clears) the deal's company, with linked / unlinked events. */
export async function setDealCompany(
  ctx: Ctx,
  deal: { id: number; company_id: number | null },
  companyId: number | null,
  now: number,
): Promise<void> {
  if (deal.company_id === companyId) return;
  const { db, accountId } = ctx;
  await updateDealRow(db, accountId, deal.id, {
    company_id: companyId,
    updated_at: now,
    updated_by: ctx.userId,
  });
  const base = { accountId, entityId: deal.id, createdBy: ctx.userId };
  const events: EventInput[] = [];
  if (deal.company_id !== null) {
    const before = [{ entity_type: 'companies', entity_id: deal.company_id }];
    events.push({ ...base, type: 'entity.unlinked', entityType: 'leads', before });
  }
  if (companyId !== null) {
    const after = [{ entity_type: 'companies', entity_id: companyId }];
    events.push({ ...base, type: 'entity.linked', entityType: 'leads', after });
  }
  await recordEvents(db, events);
}
