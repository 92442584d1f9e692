import type { Deal } from '../../db/types-crm.ts';
import { createCompany, type CompanyInput } from '../companies/create-company.ts';
import { findContactsByPhoneOrEmail } from '../contacts/contacts.repo.ts';
import { createContact, type ContactInput } from '../contacts/create-contact.ts';
import type { Ctx } from '../context.ts';
import { asBatchItem } from '../pipelines/errors.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { createDeal } from './create-deal.ts';
import { contactFieldIdsByCode } from './deal-links.repo.ts';
import type { DealCreateInput } from './deals.schema.ts';

/** A contact or company of a complex item: an existing one by id, or a new one. */
export type Existing = { id: number };
export type ComplexDealInput = Omit<DealCreateInput, '_embedded'> & {
  _embedded?:
    | {
        tags?: NonNullable<DealCreateInput['_embedded']>['tags'];
        contacts?: Array<Existing | ContactInput> | undefined;
        companies?: Array<Existing | CompanyInput> | undefined;
      }
    | undefined;
};

export type ComplexResult = {
  deal: Deal;
  contactId: number | null;
  companyId: number | null;
  merged: boolean;
};

const isExisting = (v: Existing | ContactInput | CompanyInput): v is Existing =>
  'id' in v && typeof v.id === 'number';

/** The phones and e-mails a new contact carries, for duplicate control. */
function phonesAndEmails(contact: ContactInput, codeById: Map<number, string>) {
  const phones: string[] = [];
  const emails: string[] = [];
  for (const entry of contact.custom_fields_values ?? []) {
    const code = (
      entry.field_code ??
      (entry.field_id === undefined ? '' : codeById.get(entry.field_id)) ??
      ''
    ).toUpperCase();
    const list = code === 'PHONE' ? phones : code === 'EMAIL' ? emails : null;
    if (!list) continue;
    for (const v of entry.values ?? [])
      if (typeof v.value === 'string' && v.value.trim() !== '') list.push(v.value);
  }
  return { phones, emails };
}

/**
 * One item of POST /api/v4/leads/complex: the company and contacts are created with the deal
 * (a new contact and a new company are linked together), except that a new contact whose phone
 * or e-mail matches a live contact is not copied: the existing one is linked and the result says
 * `merged: true`, as amoCRM's duplicate control does.
 */
export async function createComplexDeal(
  ctx: Ctx,
  input: ComplexDealInput,
  /** false: the caller ran duplicate control itself (the inbox, by the account's setting). */
  opts: { linkDuplicates?: boolean } = {},
): Promise<ComplexResult> {
  return withTransaction(ctx, async (c) => {
    let merged = false;
    const companyRef = input._embedded?.companies?.[0];
    const newCompany = companyRef !== undefined && !isExisting(companyRef);
    const companyId = companyRef
      ? isExisting(companyRef)
        ? companyRef.id
        : (await createCompany(c, companyRef, '_embedded.companies.0')).id
      : null;
    const codeById = await contactFieldIdsByCode(c.db, c.accountId);
    const contactIds: number[] = [];
    for (const [j, contact] of (input._embedded?.contacts ?? []).entries()) {
      if (isExisting(contact)) {
        contactIds.push(contact.id);
        continue;
      }
      const { phones, emails } = phonesAndEmails(contact, codeById);
      const [duplicate] =
        opts.linkDuplicates === false
          ? []
          : await findContactsByPhoneOrEmail(c.db, c.accountId, phones, emails);
      if (duplicate !== undefined) {
        merged = true;
        contactIds.push(duplicate);
        continue;
      }
      const withCompany: ContactInput =
        newCompany && companyId !== null && !contact._embedded?.companies
          ? { ...contact, _embedded: { ...contact._embedded, companies: [{ id: companyId }] } }
          : contact;
      contactIds.push((await createContact(c, withCompany, `_embedded.contacts.${j}`)).id);
    }
    const deal = await createDeal(c, {
      ...input,
      _embedded: {
        tags: input._embedded?.tags,
        contacts: contactIds.map((id, j) => ({ id, is_main: j === 0 })),
        companies: companyId === null ? [] : [{ id: companyId }],
      },
    });
    return { deal, contactId: contactIds[0] ?? null, companyId, merged };
  });
}

/** POST /api/v4/leads/complex: up to 50 items in one transaction; an error anywhere writes nothing. */
export function createComplexDeals(ctx: Ctx, items: ComplexDealInput[]): Promise<ComplexResult[]> {
  return withTransaction(ctx, async (c) => {
    const out: ComplexResult[] = [];
    for (const [i, item] of items.entries()) {
      out.push(await asBatchItem(item.request_id ?? String(i), () => createComplexDeal(c, item)));
    }
    return out;
  });
}
