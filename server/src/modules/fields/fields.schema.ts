import { customFieldTypes } from '@voronka/common';
import { z } from 'zod';

const id = z.number().int().positive();
const sort = z.number().int().min(-1_000_000_000).max(1_000_000_000);

/** A group id: amoCRM clients send numbers or digit strings; stored as text. */
export const groupRefSchema = z
  .union([id, z.string().regex(/^\d{1,16}$/)])
  .nullable()
  .transform((v) => (v === null ? null : String(v)));

export const enumInputSchema = z.object({
  id: id.optional(),
  value: z.string().trim().min(1).max(255),
  sort: sort.optional(),
  code: z.string().trim().max(100).nullable().optional(),
});
export type EnumInput = z.infer<typeof enumInputSchema>;

const requiredStatusSchema = z.object({ pipeline_id: id, status_id: id });

const fieldProps = {
  name: z.string().trim().min(1).max(255),
  type: z.enum(customFieldTypes),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,100}$/, 'Latin letters, digits and _')
    .transform((code) => code.toUpperCase())
    .nullable()
    .optional(),
  sort: sort.optional(),
  group_id: groupRefSchema.optional(),
  is_api_only: z.boolean().optional(),
  required_statuses: z.array(requiredStatusSchema).max(100).optional(),
  settings: z.record(z.string(), z.unknown()).nullable().optional(),
  enums: z.array(enumInputSchema).max(1000).nullable().optional(),
};

export const customFieldCreateSchema = z.object({
  request_id: z.string().max(100).optional(),
  ...fieldProps,
});
export type CustomFieldCreateInput = z.infer<typeof customFieldCreateSchema>;

export const customFieldPatchSchema = z.object({
  ...fieldProps,
  name: fieldProps.name.optional(),
  type: fieldProps.type.optional(),
});
export type CustomFieldPatch = z.infer<typeof customFieldPatchSchema>;
export const customFieldUpdateItemSchema = customFieldPatchSchema.extend({
  id,
  request_id: z.string().max(100).optional(),
});

export const fieldListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(250).default(50),
  filter: z
    .object({
      type: z
        .union([z.enum(customFieldTypes), z.array(z.enum(customFieldTypes)).max(20)])
        .transform((v) => (Array.isArray(v) ? v : [v]))
        .optional(),
    })
    .optional(),
});

export const fieldIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const groupIdParamsSchema = z.object({ id: z.string().regex(/^\d{1,16}$/) });

export const groupCreateSchema = z.object({
  request_id: z.string().max(100).optional(),
  name: z.string().trim().min(1).max(255),
  sort: sort.optional(),
});
export const groupPatchSchema = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  sort: sort.optional(),
});

/** `custom_fields_values` of an amoCRM entity write: values are checked by field type later. */
export const customFieldValuesInputSchema = z
  .array(
    z.object({
      field_id: id.optional(),
      field_code: z.string().max(100).optional(),
      values: z
        .array(
          z.object({
            value: z.unknown().optional(),
            enum_id: id.optional(),
            enum_code: z.string().max(100).optional(),
            subtype: z.string().max(100).optional(),
          }),
        )
        .max(100)
        .nullable(),
    }),
  )
  .max(500);
