import { LOST_STATUS_ID, WON_STATUS_ID, type CrmEntityType } from '@voronka/common';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { DecodeError, decodeWith, isRecord } from '../../app/decode';

/**
 * Reads of the amoCRM-compatible API the cards and lists share: users, pipelines, loss reasons,
 * tags. Lists answer 204 (no body) when empty, as amoCRM does, which decodes to [].
 */
export function embeddedList<T>(key: string, item: z.ZodType<T>): (value: unknown) => T[] {
  const schema = z.array(item);
  return (value) => {
    if (value === undefined) return [];
    if (!isRecord(value) || !isRecord(value._embedded)) throw new DecodeError(`${key} list`);
    const parsed = schema.safeParse(value._embedded[key] ?? []);
    if (!parsed.success) throw new DecodeError(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
    return parsed.data;
  };
}

/** Whether a v4 list page links to a next page. */
export function hasNextPage(value: unknown): boolean {
  return isRecord(value) && isRecord(value._links) && isRecord(value._links.next);
}

/** Builds a query string, PHP-bracket style for lists (`filter[id][]=1`). */
export function query(
  params: Record<string, string | number | boolean | undefined | Array<string | number>>,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(`${key}[]`, String(v));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const userSchema = z.object({ id: z.number(), name: z.string(), email: z.string().optional() });
export type UserRef = z.infer<typeof userSchema>;
export const usersKey = ['v4', 'users'] as const;
export const fetchUsers = () =>
  apiRequest('GET', '/api/v4/users?limit=250', embeddedList('users', userSchema));

const statusSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  color: z.string(),
  type: z.number(),
  pipeline_id: z.number(),
});
const pipelineSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_main: z.boolean(),
  is_archive: z.boolean(),
  _embedded: z.object({ statuses: z.array(statusSchema) }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
export type Status = z.infer<typeof statusSchema>;
export const pipelinesKey = ['v4', 'pipelines'] as const;
export const fetchPipelines = () =>
  apiRequest('GET', '/api/v4/leads/pipelines', embeddedList('pipelines', pipelineSchema));

export const isWon = (statusId: number) => statusId === WON_STATUS_ID;
export const isLost = (statusId: number) => statusId === LOST_STATUS_ID;
export { LOST_STATUS_ID, WON_STATUS_ID };

const lossReasonSchema = z.object({ id: z.number(), name: z.string(), sort: z.number() });
export type LossReason = z.infer<typeof lossReasonSchema>;
export const lossReasonsKey = ['v4', 'loss-reasons'] as const;
export const fetchLossReasons = () =>
  apiRequest('GET', '/api/v4/leads/loss_reasons', embeddedList('loss_reasons', lossReasonSchema));

export const tagSchema = z.object({ id: z.number(), name: z.string(), color: z.string().nullish() });
export type Tag = z.infer<typeof tagSchema>;
export const tagsKey = (entity: CrmEntityType) => ['v4', 'tags', entity] as const;
export const fetchTags = (entity: CrmEntityType) =>
  apiRequest('GET', `/api/v4/${entity}/tags?limit=250`, embeddedList('tags', tagSchema));

const taskTypeSchema = z.object({ id: z.number(), name: z.string(), color: z.string().nullable() });
export type TaskType = z.infer<typeof taskTypeSchema>;
export const taskTypesKey = ['app', 'task-types'] as const;
export const fetchTaskTypes = async () =>
  (await apiRequest('GET', '/api/app/task-types', decodeWith(z.object({ items: z.array(taskTypeSchema) }))))
    .items;
