import { roleRightsInputSchema } from '@voronka/common';
import { z } from 'zod';

export const roleCreateSchema = z.object({
  name: z.string().trim().min(1).max(255),
  rights: roleRightsInputSchema.optional(),
  request_id: z.string().max(100).optional(),
});
export type RoleCreateInput = z.infer<typeof roleCreateSchema>;

/** PATCH: `rights` replaces the keys it names (leads, status_rights, ...); null resets to full. */
export const roleUpdateSchema = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  rights: roleRightsInputSchema.nullable().optional(),
  request_id: z.string().max(100).optional(),
});
export type RoleUpdateInput = z.infer<typeof roleUpdateSchema>;
