import { z } from 'zod';

export const partyTypeSchema = z.enum(['contacts', 'companies']);
export const sideSchema = z.enum(['survivor', 'merged']);
const id = z.number().int().positive();
const text = z.string().trim().max(255);

export const checkBodySchema = z.object({
  entity_type: partyTypeSchema,
  name: text.optional(),
  phones: z.array(text).max(20).default([]),
  emails: z.array(text).max(20).default([]),
  tax_ids: z.array(text).max(10).default([]),
  /** The record being edited, left out of its own matches. */
  exclude_id: id.optional(),
});

export const groupsQuerySchema = z.object({
  by: z.enum(['phone', 'email', 'name', 'tax_id']),
  after: z.string().max(1000).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const mergeBodySchema = z.object({
  survivor_id: id,
  merged_id: id,
  /** Whose value wins per attribute; by default the survivor's, or the other's when it has none. */
  pick: z
    .object({
      name: sideSchema.optional(),
      first_name: sideSchema.optional(),
      last_name: sideSchema.optional(),
      responsible_user_id: sideSchema.optional(),
      company_id: sideSchema.optional(),
      /** Custom field id -> side, for single-value fields (list fields are united). */
      fields: z.record(z.string().regex(/^\d+$/), sideSchema).optional(),
    })
    .optional(),
});

export const mergeOutSchema = z.object({
  id: z.number(),
  entity_type: partyTypeSchema,
  survivor_id: z.number(),
  merged_id: z.number(),
  merged_name: z.string(),
  created_by: z.number(),
  created_at: z.number(),
  undone_at: z.number().nullable(),
});
