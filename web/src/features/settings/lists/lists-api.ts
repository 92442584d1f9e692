import { taskTypeSchema, type CrmEntityType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

export const taskTypesKey = ['settings', 'task-types'] as const;
export const tagsKey = (entity: CrmEntityType) => ['settings', 'tags', entity] as const;

export const fetchTaskTypes = async () =>
  (await apiRequest('GET', '/api/app/task-types', decodeWith(z.object({ items: z.array(taskTypeSchema) }))))
    .items;
export const createTaskType = (input: { name: string; color?: string | null }) =>
  apiRequest('POST', '/api/app/task-types', decodeWith(taskTypeSchema), input);
export const updateTaskType = (id: number, patch: { name?: string; color?: string | null }) =>
  apiRequest('PATCH', `/api/app/task-types/${id}`, decodeWith(taskTypeSchema), patch);
export const deleteTaskType = (id: number) => apiRequest('DELETE', `/api/app/task-types/${id}`, noContent);

const tagSchema = z.object({
  id: z.number(),
  name: z.string(),
  color: z.string().nullable(),
  uses: z.number(),
});
export type TagItem = z.infer<typeof tagSchema>;

export const fetchTags = async (entity: CrmEntityType) =>
  (await apiRequest('GET', `/api/app/tags/${entity}`, decodeWith(z.object({ items: z.array(tagSchema) }))))
    .items;
export const updateTag = (
  entity: CrmEntityType,
  id: number,
  patch: { name?: string; color?: string | null },
) => apiRequest('PATCH', `/api/app/tags/${entity}/${id}`, decodeWith(tagSchema.omit({ uses: true })), patch);
export const deleteTag = (entity: CrmEntityType, id: number) =>
  apiRequest('DELETE', `/api/app/tags/${entity}/${id}`, noContent);

/** Tag colours amoCRM offers (six hex digits, no #, as its API stores them). */
export const TAG_COLORS = [
  'DDEBB5',
  'FFDC7F',
  'FFC8C8',
  'C1E0FF',
  'F3BEFF',
  'CCC8F9',
  '87F2C0',
  'E6E8EA',
] as const;
