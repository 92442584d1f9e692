import { z } from 'zod';
import { pagingSchema } from '../../http/v4-list.ts';
import { companyInputSchema } from '../companies/create-company.ts';
import { contactInputSchema } from '../contacts/create-contact.ts';
import { customFieldValuesInputSchema } from '../fields/fields.schema.ts';
import { flag } from '../pipelines/pipelines.schema.ts';
import { tagRefsSchema } from '../tags/tags.schema.ts';

const id = z.number().int().positive();
/** Unix seconds. */
const timestamp = z.number().int().min(0).max(99_999_999_999);
/** amoCRM's price is an integer; some clients send null for "no price". */
const price = z
  .number()
  .int()
  .min(0)
  .max(999_999_999_999)
  .nullable()
  .transform((v) => v ?? 0);
const requestId = z.string().max(100).optional();

const contactRef = z.object({ id, is_main: flag.optional() });
const companyRef = z.object({ id });

const dealFields = {
  request_id: requestId,
  name: z.string().trim().max(255).optional(),
  price: price.optional(),
  status_id: id.optional(),
  pipeline_id: id.optional(),
  responsible_user_id: id.optional(),
  group_id: z.number().int().min(0).optional(),
  loss_reason_id: id.nullable().optional(),
  closed_at: timestamp.nullable().optional(),
  updated_at: timestamp.optional(),
  custom_fields_values: customFieldValuesInputSchema.nullable().optional(),
  tags_to_add: tagRefsSchema.optional(),
};

export const dealCreateSchema = z.object({
  ...dealFields,
  created_by: z.number().int().min(0).optional(),
  updated_by: z.number().int().min(0).optional(),
  created_at: timestamp.optional(),
  _embedded: z
    .object({
      tags: tagRefsSchema.optional(),
      contacts: z.array(contactRef).max(100).optional(),
      companies: z.array(companyRef).max(10).optional(),
    })
    .optional(),
});
export type DealCreateInput = z.infer<typeof dealCreateSchema>;

/** PATCH: `_embedded.tags` replaces the tags (null or [] clears), `_embedded.companies: []` unlinks. */
export const dealUpdateSchema = z.object({
  ...dealFields,
  tags_to_delete: tagRefsSchema.optional(),
  _embedded: z
    .object({
      tags: tagRefsSchema.nullable().optional(),
      contacts: z.array(contactRef).max(100).optional(),
      companies: z.array(companyRef).max(10).optional(),
    })
    .optional(),
});
export type DealUpdateInput = z.infer<typeof dealUpdateSchema>;
export const dealBatchUpdateSchema = dealUpdateSchema.extend({ id });

const int = z.coerce.number().int();
/** `filter[x]=1` or `filter[x][]=1&filter[x][]=2`, always as a list. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item).max(500), item]).transform((v): Array<z.output<T>> => (Array.isArray(v) ? v : [v]));
/** `filter[x][from]=..&filter[x][to]=..`, or one exact value. */
const range = z.union([
  z.object({ from: int.optional(), to: int.optional() }),
  int.transform((v) => ({ from: v, to: v })),
]);
const statusEntry = z.object({
  pipeline_id: int.positive().optional(),
  status_id: int.positive().optional(),
});
const direction = z.enum(['asc', 'desc']);

export const dealListQuerySchema = pagingSchema.extend({
  with: z.string().max(500).optional(),
  query: z.string().trim().max(200).optional(),
  filter: z
    .object({
      id: oneOrMany(int.positive()).optional(),
      name: oneOrMany(z.string().max(255)).optional(),
      price: range.optional(),
      // `filter[statuses][0][...]` arrives as a list; sparse indexes arrive as an object.
      statuses: z
        .union([
          z.array(statusEntry).max(100),
          z.record(z.string(), statusEntry).transform((r) => Object.values(r)),
        ])
        .optional(),
      pipeline_id: oneOrMany(int.positive()).optional(),
      created_by: oneOrMany(int.min(0)).optional(),
      updated_by: oneOrMany(int.min(0)).optional(),
      responsible_user_id: oneOrMany(int.min(0)).optional(),
      created_at: range.optional(),
      updated_at: range.optional(),
      closed_at: range.optional(),
      closest_task_at: range.optional(),
    })
    .optional(),
  order: z
    .object({ created_at: direction.optional(), updated_at: direction.optional(), id: direction.optional() })
    .optional(),
});
export type DealListQuery = z.infer<typeof dealListQuerySchema>;
export type DealFilter = NonNullable<DealListQuery['filter']>;

/** An item of POST /api/v4/leads/complex: contacts and a company by id, or new ones. */
export const dealComplexSchema = dealCreateSchema.extend({
  _embedded: z
    .object({
      tags: tagRefsSchema.optional(),
      contacts: z
        .array(z.union([z.object({ id }), contactInputSchema]))
        .max(10)
        .optional(),
      companies: z
        .array(z.union([z.object({ id }), companyInputSchema]))
        .max(1)
        .optional(),
    })
    .optional(),
});
