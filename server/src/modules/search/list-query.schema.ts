import { z } from 'zod';
import { pagingSchema } from '../../http/v4-list.ts';

const id = z.coerce.number().int().positive();
const seconds = z.coerce.number().int().min(0);

/** `filter[x]=1` or `filter[x][]=1&filter[x][]=2` (PHP brackets), always as a list. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item).max(500), item]).transform((v): Array<z.output<T>> => (Array.isArray(v) ? v : [v]));

/** `filter[created_at][from]=..&filter[created_at][to]=..`, or one exact second. */
const range = z.union([
  z.object({ from: seconds.optional(), to: seconds.optional() }),
  seconds.transform((v) => ({ from: v, to: v })),
]);

const direction = z.enum(['asc', 'desc']);

/** GET /api/v4/contacts and /api/v4/companies query parameters. */
export const entityListQuerySchema = pagingSchema.extend({
  with: z.string().max(500).optional(),
  query: z.string().trim().max(200).optional(),
  filter: z
    .object({
      id: oneOrMany(id).optional(),
      name: oneOrMany(z.string().trim().max(255)).optional(),
      created_at: range.optional(),
      updated_at: range.optional(),
      responsible_user_id: oneOrMany(id).optional(),
    })
    .optional(),
  order: z
    .object({ id: direction.optional(), updated_at: direction.optional(), created_at: direction.optional() })
    .optional(),
});
export type EntityListQuery = z.infer<typeof entityListQuerySchema>;

/** The one sort amoCRM applies (the first given), then id for a stable page order. */
export function orderOf(q: EntityListQuery): {
  column: 'id' | 'updated_at' | 'created_at';
  direction: 'asc' | 'desc';
} {
  const order = q.order ?? {};
  for (const column of ['updated_at', 'created_at', 'id'] as const) {
    const direction = order[column];
    if (direction) return { column, direction };
  }
  return { column: 'id', direction: 'asc' };
}
