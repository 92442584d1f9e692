import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { fieldValuesSchema, type FieldPatch } from '../fields/api';
import { tagSchema } from '../records/api';

const refSchema = z.object({ id: z.number() });
export const dealSchema = z.object({
  id: z.number(),
  name: z.string(),
  price: z.number(),
  responsible_user_id: z.number(),
  status_id: z.number(),
  pipeline_id: z.number(),
  loss_reason_id: z.number().nullable(),
  created_by: z.number(),
  created_at: z.number(),
  updated_at: z.number(),
  closed_at: z.number().nullable(),
  is_deleted: z.boolean(),
  custom_fields_values: fieldValuesSchema,
  _embedded: z.object({
    tags: z.array(tagSchema),
    companies: z.array(refSchema),
    contacts: z.array(refSchema.extend({ is_main: z.boolean() })).optional(),
    loss_reason: z.object({ id: z.number(), name: z.string() }).optional(),
  }),
});
export type Deal = z.infer<typeof dealSchema>;

export const dealKey = (id: number) => ['v4', 'leads', 'one', id] as const;

/** The deal with its contacts and loss reason; a deal in the trash is found too (`is_deleted`). */
export const fetchDeal = (id: number) =>
  apiRequest('GET', `/api/v4/leads/${id}?with=contacts,loss_reason,only_deleted`, decodeWith(dealSchema));

export type DealPatch = {
  name?: string;
  price?: number;
  responsible_user_id?: number;
  status_id?: number;
  pipeline_id?: number;
  loss_reason_id?: number | null;
  custom_fields_values?: FieldPatch[];
  _embedded?: { tags?: Array<{ name: string } | { id: number }> | null };
};

export const patchDeal = (id: number, patch: DealPatch) =>
  apiRequest('PATCH', `/api/v4/leads/${id}`, noContent, patch);

export const deleteDeal = (id: number) => apiRequest('DELETE', `/api/v4/leads/${id}`, noContent);
export const restoreDeal = (id: number) => apiRequest('POST', `/api/app/deals/${id}/restore`, noContent);

export type LinkTarget = { to_entity_id: number; to_entity_type: 'contacts' | 'companies' };
export const linkToDeal = (dealId: number, target: LinkTarget) =>
  apiRequest('POST', `/api/v4/leads/${dealId}/link`, noContent, [target]);
export const unlinkFromDeal = (dealId: number, target: LinkTarget) =>
  apiRequest('POST', `/api/v4/leads/${dealId}/unlink`, noContent, [target]);
