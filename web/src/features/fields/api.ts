import { customFieldTypes, type CrmEntityType, type CustomFieldType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { embeddedList, hasNextPage } from '../records/api';

const enumSchema = z.object({
  id: z.number(),
  value: z.string(),
  sort: z.number(),
  code: z.string().optional(),
});
export type FieldEnum = z.infer<typeof enumSchema>;

const customFieldSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(customFieldTypes),
  code: z.string().optional(),
  sort: z.number(),
  is_api_only: z.boolean(),
  enums: z.array(enumSchema).optional(),
  group_id: z.number().optional(),
  required_statuses: z.array(z.object({ pipeline_id: z.number(), status_id: z.number() })),
});
export type CustomField = z.infer<typeof customFieldSchema>;

const groupSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_predefined: z.boolean(),
});
export type FieldGroup = z.infer<typeof groupSchema>;

/** One value of a field as the API answers it. */
export type StoredValue = { value: string | number | boolean; enum_id?: number; enum_code?: string };
/** What an entity carries in `custom_fields_values`. */
export const fieldValuesSchema = z
  .array(
    z.object({
      field_id: z.number(),
      field_type: z.string(),
      values: z.array(
        z.object({
          value: z.union([z.string(), z.number(), z.boolean()]),
          enum_id: z.number().optional(),
          enum_code: z.string().optional(),
        }),
      ),
    }),
  )
  .nullable();
export type EntityFieldValues = z.infer<typeof fieldValuesSchema>;

/** What a write sends for one value (`null` values clear the field). */
export type ValueInput = { value?: string | number | boolean; enum_id?: number; enum_code?: string };
export type FieldPatch = { field_id: number; values: ValueInput[] | null };

export const fieldsKey = (entity: CrmEntityType) => ['v4', 'custom-fields', entity] as const;
export const fieldGroupsKey = (entity: CrmEntityType) => ['v4', 'custom-field-groups', entity] as const;

const fieldPage = embeddedList('custom_fields', customFieldSchema);

/** Every custom field of an entity type, all pages, in display order. */
export async function fetchFields(entity: CrmEntityType): Promise<CustomField[]> {
  const all: CustomField[] = [];
  for (let page = 1; page <= 40; page++) {
    let next = false;
    const items = await apiRequest('GET', `/api/v4/${entity}/custom_fields?limit=250&page=${page}`, (v) => {
      next = hasNextPage(v);
      return fieldPage(v);
    });
    all.push(...items);
    if (!next) break;
  }
  return all.sort((a, b) => a.sort - b.sort || a.id - b.id);
}

export const fetchFieldGroups = async (entity: CrmEntityType): Promise<FieldGroup[]> =>
  (
    await apiRequest(
      'GET',
      `/api/v4/${entity}/custom_fields/groups`,
      embeddedList('custom_field_groups', groupSchema),
    )
  ).sort((a, b) => a.sort - b.sort);

export const isFieldType = (type: string): type is CustomFieldType =>
  customFieldTypes.some((t) => t === type);
