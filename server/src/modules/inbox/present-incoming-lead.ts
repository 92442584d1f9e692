import { z } from 'zod';
import type { IncomingLead, IncomingSource } from '../../db/types-inbox.ts';
import type { Duplicate } from './find-duplicates.ts';

export type Href = (path: string) => string;

const payloadSchema = z.object({
  contact: z
    .object({ name: z.string(), phones: z.array(z.string()), emails: z.array(z.string()) })
    .nullable()
    .catch(null),
  company: z.object({ name: z.string() }).nullable().catch(null),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).catch([]),
  message: z.string().optional().catch(undefined),
  subject: z.string().optional().catch(undefined),
});
export type ArrivalPayload = z.infer<typeof payloadSchema>;

const record = z.record(z.string(), z.unknown());
const duplicatesSchema = z.array(
  z.object({
    entity_type: z.enum(['contacts', 'companies']),
    id: z.number(),
    name: z.string(),
    matched_by: z.array(z.enum(['phone', 'email', 'name', 'tax_id'])),
  }),
);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export const payloadOf = (entry: IncomingLead): ArrivalPayload =>
  payloadSchema.catch({ contact: null, company: null, fields: [] }).parse(parseJson(entry.payload) ?? {});
export const metadataOf = (entry: IncomingLead): Record<string, unknown> =>
  record.catch({}).parse(parseJson(entry.metadata));
export const duplicatesOf = (entry: IncomingLead): Duplicate[] =>
  duplicatesSchema.catch([]).parse(parseJson(entry.duplicates));

/** What arrived, as plain text (the note written when an entry is linked to another deal). */
export function describeArrival(entry: IncomingLead, sourceName: string): string {
  const p = payloadOf(entry);
  const lines = [sourceName];
  if (p.contact)
    lines.push([p.contact.name, ...p.contact.phones, ...p.contact.emails].filter(Boolean).join(', '));
  if (p.company?.name) lines.push(p.company.name);
  for (const f of p.fields) lines.push(`${f.label}: ${f.value}`);
  if (p.subject) lines.push(p.subject);
  if (p.message) lines.push(p.message);
  return (
    lines
      .filter((l) => l.trim() !== '')
      .join('\n')
      .slice(0, 20_000) || entry.uid
  );
}

const ref = (href: Href, entity: string, id: number | null) =>
  id === null ? [] : [{ id, _links: { self: { href: href(`/api/v4/${entity}/${id}`) } } }];

/** The `_embedded` of an unsorted answer: the deal, contact and company the entry stands for. */
export function embeddedOf(href: Href, entry: IncomingLead) {
  const dealId = entry.status === 'linked' ? entry.linked_deal_id : entry.deal_id;
  return {
    leads: ref(href, 'leads', dealId),
    contacts: ref(href, 'contacts', entry.contact_id),
    companies: ref(href, 'companies', entry.company_id),
  };
}

/** An entry as amoCRM's GET /api/v4/leads/unsorted lists it. */
export function presentUnsorted(href: Href, entry: IncomingLead, source: IncomingSource | undefined) {
  return {
    uid: entry.uid,
    source_uid: source?.source_uid ?? '',
    source_name: source?.name ?? '',
    category: entry.category,
    pipeline_id: entry.pipeline_id,
    created_at: entry.created_at,
    metadata: metadataOf(entry),
    account_id: entry.account_id,
    _links: { self: { href: href(`/api/v4/leads/unsorted/${entry.uid}`) } },
    _embedded: embeddedOf(href, entry),
  };
}

/** The answer to accept / decline / link. */
export function presentDecision(href: Href, entry: IncomingLead) {
  return {
    uid: entry.uid,
    pipeline_id: entry.pipeline_id,
    category: entry.category,
    created_at: entry.created_at,
    _embedded: embeddedOf(href, entry),
  };
}
