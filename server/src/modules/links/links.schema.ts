import { z } from 'zod';
import { idListSchema } from '../events/v4-input.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const entityName = z.enum(['leads', 'contacts', 'companies']);

/** amoCRM's EntityLinkItem. customers / catalog_elements parse, then get a clear NotSupported. */
export const linkItemSchema = z.object({
  request_id: z.string().max(100).optional(),
  entity_id: id.optional(),
  to_entity_id: id,
  to_entity_type: z.enum(['leads', 'contacts', 'companies', 'customers', 'catalog_elements']),
  metadata: z
    .object({ is_main: z.boolean().optional(), main_contact: z.boolean().optional() })
    .nullish()
    .transform((m) => m ?? undefined),
});

const toFilter = {
  to_entity_type: entityName.optional(),
  to_entity_id: idListSchema.optional(),
};

export const linksOfOneQuerySchema = z.object({ filter: z.object(toFilter).optional() });

/** GET /api/v4/{entity}/links needs the entities: filter[entity_id][]=… (up to 250). */
export const linksQuerySchema = z.object({
  filter: z.object({ ...toFilter, entity_id: idListSchema }),
});
