import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';
import type { PartyType } from '../entities/api';

export type DuplicateMode = 'off' | 'warn' | 'merge';
export type GroupBy = 'phone' | 'email' | 'name' | 'tax_id';
export type Side = 'survivor' | 'merged';

const mode = z.enum(['off', 'warn', 'merge']);
const settingsSchema = z.object({ arrivals: mode, manual: mode, merge_open_deal: z.boolean() });
export type DuplicateSettings = z.infer<typeof settingsSchema>;

const duplicateSchema = z.object({ id: z.number(), name: z.string(), matched_by: z.array(z.string()) });
const checkSchema = z.object({ mode, items: z.array(duplicateSchema) });
export type DuplicateCheck = z.infer<typeof checkSchema>;

const groupSchema = z.object({
  by: z.enum(['phone', 'email', 'name', 'tax_id']),
  key: z.string(),
  count: z.number(),
  members: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      created_at: z.number(),
      responsible_user_id: z.number().nullable(),
    }),
  ),
});
export type DuplicateGroup = z.infer<typeof groupSchema>;
const groupsSchema = z.object({ items: z.array(groupSchema), next: z.string().nullable() });

const mergeSchema = z.object({
  id: z.number(),
  entity_type: z.enum(['contacts', 'companies']),
  survivor_id: z.number(),
  merged_id: z.number(),
  merged_name: z.string(),
  created_at: z.number(),
  undone_at: z.number().nullable(),
});
export type Merge = z.infer<typeof mergeSchema>;

export const groupKinds: Record<PartyType, GroupBy[]> = {
  contacts: ['phone', 'email', 'name'],
  companies: ['name', 'tax_id', 'phone', 'email'],
};

export const fetchDuplicateSettings = () =>
  apiRequest('GET', '/api/app/duplicates/settings', decodeWith(settingsSchema));
export const saveDuplicateSettings = (s: DuplicateSettings) =>
  apiRequest('PUT', '/api/app/duplicates/settings', decodeWith(settingsSchema), s);

export const checkDuplicates = (
  type: PartyType,
  keys: { name?: string; phones?: string[]; emails?: string[]; exclude_id?: number },
) => apiRequest('POST', '/api/app/duplicates/check', decodeWith(checkSchema), { entity_type: type, ...keys });

export const fetchGroups = (type: PartyType, by: GroupBy, after: string) =>
  apiRequest(
    'GET',
    `/api/app/duplicates/${type}/groups?by=${by}&limit=25&after=${encodeURIComponent(after)}`,
    decodeWith(groupsSchema),
  );

export type MergePick = { name?: Side; responsible_user_id?: Side; fields?: Record<string, Side> };
export const mergeRecords = (type: PartyType, survivorId: number, mergedId: number, pick: MergePick) =>
  apiRequest('POST', `/api/app/duplicates/${type}/merge`, decodeWith(mergeSchema), {
    survivor_id: survivorId,
    merged_id: mergedId,
    pick,
  });

export const fetchMerges = (type: PartyType) =>
  apiRequest(
    'GET',
    `/api/app/duplicates/merges?entity_type=${type}`,
    decodeWith(z.object({ items: z.array(mergeSchema) })),
  );
export const undoMerge = (id: number) =>
  apiRequest('POST', `/api/app/duplicates/merges/${id}/undo`, decodeWith(mergeSchema));
