import { customFieldTypes, type CrmEntityType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

const enumSchema = z.object({ id: z.number(), value: z.string(), sort: z.number() });
export type FieldEnum = z.infer<typeof enumSchema>;

const fieldSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(customFieldTypes).catch('text'),
  code: z.string().optional(),
  sort: z.number(),
  group_id: z.number().optional(),
  enums: z.array(enumSchema).optional(),
  required_statuses: z.array(z.object({ pipeline_id: z.number(), status_id: z.number() })),
  is_predefined: z.boolean(),
  is_deletable: z.boolean(),
  is_api_only: z.boolean(),
});
export type CustomField = z.infer<typeof fieldSchema>;

const groupSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_predefined: z.boolean(),
});
export type FieldGroup = z.infer<typeof groupSchema>;

export const fieldsKey = (entity: CrmEntityType) => ['settings', 'fields', entity] as const;
export const groupsKey = (entity: CrmEntityType) => ['settings', 'field-groups', entity] as const;

const PAGE = 250;

/** A v4 list page: 204 (no body) when empty; `_links.next` when there is more. */
const pageOf =
  <T>(key: string, item: z.ZodType<T>) =>
  (value: unknown): { items: T[]; more: boolean } => {
    if (value === undefined) return { items: [], more: false };
    const page = decodeWith(
      z.object({
        _links: z.object({ next: z.unknown().optional() }).optional(),
        _embedded: z.record(z.string(), z.array(item)),
      }),
    )(value);
    return { items: page._embedded[key] ?? [], more: page._links?.next !== undefined };
  };

async function fetchAll<T>(path: string, key: string, item: z.ZodType<T>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= 100; page++) {
    const { items, more } = await apiRequest('GET', `${path}?limit=${PAGE}&page=${page}`, pageOf(key, item));
    out.push(...items);
    if (!more) break;
  }
  return out;
}

export const fetchFields = (entity: CrmEntityType) =>
  fetchAll(`/api/v4/${entity}/custom_fields`, 'custom_fields', fieldSchema);

export const fetchGroups = (entity: CrmEntityType) =>
  fetchAll(`/api/v4/${entity}/custom_fields/groups`, 'custom_field_groups', groupSchema);

export type FieldInput = {
  name: string;
  type?: CustomField['type'];
  code?: string | null;
  group_id?: number | null;
  enums?: Array<{ id?: number; value: string; sort: number }>;
  required_statuses?: Array<{ pipeline_id: number; status_id: number }>;
};

const anyBatch = decodeWith(
  z.object({ _embedded: z.record(z.string(), z.array(z.object({ id: z.number() }))) }),
);

export const createField = (entity: CrmEntityType, input: FieldInput) =>
  apiRequest('POST', `/api/v4/${entity}/custom_fields`, anyBatch, [input]);

export const updateField = (entity: CrmEntityType, id: number, input: FieldInput) =>
  apiRequest('PATCH', `/api/v4/${entity}/custom_fields/${id}`, decodeWith(fieldSchema), input);

export const deleteField = (entity: CrmEntityType, id: number) =>
  apiRequest('DELETE', `/api/v4/${entity}/custom_fields/${id}`, noContent);

export const createGroup = (entity: CrmEntityType, name: string) =>
  apiRequest('POST', `/api/v4/${entity}/custom_fields/groups`, anyBatch, [{ name }]);

export const renameGroup = (entity: CrmEntityType, id: number, name: string) =>
  apiRequest('PATCH', `/api/v4/${entity}/custom_fields/groups/${id}`, decodeWith(groupSchema), { name });

export const deleteGroup = (entity: CrmEntityType, id: number) =>
  apiRequest('DELETE', `/api/v4/${entity}/custom_fields/groups/${id}`, noContent);
