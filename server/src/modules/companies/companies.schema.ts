import { z } from 'zod';
import { entityWriteProps } from '../contacts/contacts.schema.ts';
import { tagRefsSchema } from '../tags/tags.schema.ts';

/** An item of POST /api/v4/companies (and of `_embedded.companies` in POST /leads/complex). */
export const companyInputSchema = z.object({
  request_id: z.string().max(100).optional(),
  ...entityWriteProps,
  _embedded: z.object({ tags: tagRefsSchema.optional() }).optional(),
});
export type CompanyInput = z.infer<typeof companyInputSchema>;

/** PATCH /api/v4/companies/{id}: `_embedded.tags: null` clears the tags. */
export const companyPatchSchema = z.object({
  ...entityWriteProps,
  tags_to_delete: tagRefsSchema.optional(),
  _embedded: z.object({ tags: tagRefsSchema.nullable().optional() }).optional(),
});
export type CompanyPatch = z.infer<typeof companyPatchSchema>;

export const companyUpdateItemSchema = companyPatchSchema.extend({
  id: z.number().int().positive(),
  request_id: z.string().max(100).optional(),
});
export type CompanyUpdateItem = z.infer<typeof companyUpdateItemSchema>;
