import { z } from 'zod';

/** A tag named in an entity write: by id, or by name (created when unknown). */
export const tagRefSchema = z.object({
  id: z.number().int().positive().optional(),
  name: z.string().max(255).optional(),
});
export const tagRefsSchema = z.array(tagRefSchema).max(100);
