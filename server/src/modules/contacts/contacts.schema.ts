import { z } from 'zod';
import { customFieldValuesInputSchema } from '../fields/fields.schema.ts';
import { tagRefsSchema } from '../tags/tags.schema.ts';

const id = z.number().int().positive();
const seconds = z.number().int().min(0).max(253_402_300_799);
const userRef = z.number().int().min(0);
const text = z.string().trim().max(255);

/** What contacts and companies share in an amoCRM write. */
export const entityWriteProps = {
  name: text.optional(),
  responsible_user_id: id.optional(),
  created_by: userRef.optional(),
  updated_by: userRef.optional(),
  created_at: seconds.optional(),
  updated_at: seconds.optional(),
  custom_fields_values: customFieldValuesInputSchema.optional(),
  tags_to_add: tagRefsSchema.optional(),
};

/** One company link: a contact belongs to at most one company. */
const companyLinks = z.array(z.object({ id })).max(1);

/** An item of POST /api/v4/contacts (and of `_embedded.contacts` in POST /leads/complex). */
export const contactInputSchema = z.object({
  request_id: z.string().max(100).optional(),
  ...entityWriteProps,
  first_name: text.optional(),
  last_name: text.optional(),
  _embedded: z.object({ tags: tagRefsSchema.optional(), companies: companyLinks.optional() }).optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

/** PATCH /api/v4/contacts/{id}: `_embedded.tags: null` clears, `companies: []` unlinks. */
export const contactPatchSchema = z.object({
  ...entityWriteProps,
  first_name: text.optional(),
  last_name: text.optional(),
  tags_to_delete: tagRefsSchema.optional(),
  _embedded: z
    .object({ tags: tagRefsSchema.nullable().optional(), companies: companyLinks.optional() })
    .optional(),
});
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactUpdateItemSchema = contactPatchSchema.extend({
  id,
  request_id: z.string().max(100).optional(),
});
export type ContactUpdateItem = z.infer<typeof contactUpdateItemSchema>;

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const withQuerySchema = z.object({ with: z.string().max(500).optional() });
