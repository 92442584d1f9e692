import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { DuplicateMode } from '../../db/types-duplicates.ts';
import type { Ctx } from '../context.ts';
import { findCompanyDuplicates, findContactDuplicates, type Duplicate } from '../inbox/find-duplicates.ts';
import { readDuplicateSettings } from './duplicate-settings.ts';

/** What an arriving lead says about who it is from. */
export type ArrivalKeys = {
  phones?: string[] | undefined;
  emails?: string[] | undefined;
  /** Set when the arrival names a company (a form's company field, a mail signature). */
  companyName?: string | undefined;
  taxIds?: string[] | undefined;
};

export type ArrivalMatch = {
  /** The account's setting for arrivals. */
  mode: DuplicateMode;
  /** Every live record that looks the same (empty when the mode is off), oldest first. */
  contacts: Duplicate[];
  companies: Duplicate[];
  /** mode merge: the existing contact / company to use instead of creating a copy. */
  contactId: number | null;
  companyId: number | null;
  /** mode merge with "join the open deal": the contact's newest open deal, to add to instead. */
  openDealId: number | null;
};

/** The newest live, still open deal (incoming or open stage) of a contact, if any. */
export async function openDealOfContact(db: Kysely<DB>, accountId: number, contactId: number) {
  return db
    .selectFrom('deal_contacts as dc')
    .innerJoin('deals as d', 'd.id', 'dc.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select(['d.id', 'd.responsible_user_id'])
    .where('dc.account_id', '=', accountId)
    .where('dc.contact_id', '=', contactId)
    .where('d.deleted_at', 'is', null)
    .where('s.kind', 'in', ['incoming', 'open'])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .executeTakeFirst();
}

/**
 * Duplicate control for anything that arrives by itself (forms, calls, the unsorted API, mail,
 * messengers): finds the live contacts with the same phone (any format) or e-mail (any case) and
 * the companies with the same name (case-folded, Cyrillic too) or tax id, and says, by the
 * account's setting, which existing contact / company / open deal the arrival should use.
 * Every channel calls this one function before creating anything.
 */
export async function matchArrival(ctx: Ctx, keys: ArrivalKeys): Promise<ArrivalMatch> {
  const settings = await readDuplicateSettings(ctx.db, ctx.accountId);
  const none: ArrivalMatch = {
    mode: settings.arrivals,
    contacts: [],
    companies: [],
    contactId: null,
    companyId: null,
    openDealId: null,
  };
  if (settings.arrivals === 'off') return none;
  const contacts = await findContactDuplicates(
    ctx.db,
    ctx.accountId,
    ctx.account.country,
    keys.phones ?? [],
    keys.emails ?? [],
  );
  const companies =
    keys.companyName !== undefined || (keys.taxIds ?? []).length > 0
      ? await findCompanyDuplicates(ctx.db, ctx.accountId, keys.companyName ?? '', keys.taxIds ?? [])
      : [];
  if (settings.arrivals === 'warn') return { ...none, contacts, companies };
  const contactId = contacts[0]?.id ?? null;
  const openDeal =
    settings.merge_open_deal && contactId !== null
      ? await openDealOfContact(ctx.db, ctx.accountId, contactId)
      : undefined;
  return {
    ...none,
    contacts,
    companies,
    contactId,
    companyId: companies[0]?.id ?? null,
    openDealId: openDeal?.id ?? null,
  };
}
