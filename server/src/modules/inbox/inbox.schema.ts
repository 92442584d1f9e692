import { z } from 'zod';
import { pagingSchema } from '../../http/v4-list.ts';
import { companyInputSchema } from '../companies/companies.schema.ts';
import { contactInputSchema } from '../contacts/contacts.schema.ts';
import { dealCreateSchema } from '../deals/deals.schema.ts';
import { idListSchema, nameListSchema, orderSchema, rangeSchema } from '../events/v4-input.ts';
import { tagRefsSchema } from '../tags/tags.schema.ts';

const id = z.number().int().positive();
const seconds = z.number().int().min(0).max(99_999_999_999);
const shortText = z.string().trim().max(255);
const url = z.string().trim().max(2000);

export const categorySchema = z.enum(['sip', 'forms', 'chats', 'mail']);

/** The deal part of an arrival: what POST /leads takes, without links (the inbox makes them). */
export const incomingDealSchema = dealCreateSchema
  .omit({ _embedded: true, status_id: true, pipeline_id: true })
  .extend({ _embedded: z.object({ tags: tagRefsSchema.optional() }).optional() });

/** `_embedded` of an unsorted item: one deal, one contact, one company, as amoCRM takes them. */
const embeddedSchema = z
  .object({
    leads: z.array(incomingDealSchema).max(1).optional(),
    contacts: z.array(contactInputSchema).max(1).optional(),
    companies: z.array(companyInputSchema).max(1).optional(),
  })
  .optional();

const common = {
  request_id: z.string().max(100).optional(),
  source_uid: z.string().trim().min(1).max(255),
  source_name: z.string().trim().min(1).max(255),
  pipeline_id: id.optional(),
  created_at: seconds.optional(),
  _embedded: embeddedSchema,
};

/** FormMetadata of the reference spec. */
export const formMetadataSchema = z.object({
  ip: z.string().max(100).optional(),
  form_id: z.union([z.string().max(255), z.number().int()]).optional(),
  form_sent_at: seconds.optional(),
  form_name: shortText.optional(),
  form_page: url.optional(),
  referer: url.optional(),
  visitor_uid: z.string().max(255).optional(),
  form_type: z.number().int().optional(),
});

/** An item of POST /api/v4/leads/unsorted/forms. */
export const unsortedFormItemSchema = z.object({ ...common, metadata: formMetadataSchema });
export type UnsortedFormItem = z.infer<typeof unsortedFormItemSchema>;

/** amoCRM's sip metadata: the call that made the lead. */
export const sipMetadataSchema = z.object({
  is_call_event_needed: z.boolean().optional(),
  uniq: z.string().trim().max(255).optional(),
  duration: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .optional(),
  service_code: z.string().max(255).optional(),
  link: url.optional(),
  phone: z.union([z.string().trim().min(1).max(50), z.number().int().positive()]).transform(String),
  called_at: seconds.optional(),
  from: z.string().max(255).optional(),
});

/** An item of POST /api/v4/leads/unsorted/sip. */
export const unsortedSipItemSchema = z.object({ ...common, metadata: sipMetadataSchema });
export type UnsortedSipItem = z.infer<typeof unsortedSipItemSchema>;

export const acceptBodySchema = z
  .object({ user_id: z.number().int().min(0).optional(), status_id: id.optional() })
  .nullish();
export const declineBodySchema = z.object({ user_id: z.number().int().min(0).optional() }).nullish();
export const linkBodySchema = z.object({
  user_id: z.number().int().min(0).optional(),
  link: z.object({
    entity_id: id,
    entity_type: z.literal('leads'),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
});

const uidList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(z.string().max(64)).min(1).max(250));

export const unsortedFilterSchema = z.object({
  uid: uidList.optional(),
  category: nameListSchema.pipe(z.array(categorySchema)).optional(),
  pipeline_id: idListSchema.optional(),
  created_at: rangeSchema.optional(),
});

/** GET /api/v4/leads/unsorted. */
export const unsortedListQuerySchema = pagingSchema.extend({
  filter: unsortedFilterSchema.optional(),
  order: orderSchema(['created_at', 'updated_at'] as const).optional(),
});

export const uidParamsSchema = z.object({ uid: z.string().min(1).max(64) });
