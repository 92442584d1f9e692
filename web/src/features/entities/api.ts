import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { fieldValuesSchema, type FieldPatch } from '../fields/api';
import { embeddedList, hasNextPage, query, tagSchema } from '../records/api';

/** Contacts and companies: the two kinds of people-records a deal links to. */
export type PartyType = 'contacts' | 'companies';

const refSchema = z.object({ id: z.number() });
export const partySchema = z.object({
  id: z.number(),
  name: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  responsible_user_id: z.number().optional(),
  created_at: z.number(),
  updated_at: z.number(),
  closest_task_at: z.number().optional(),
  custom_fields_values: fieldValuesSchema,
  _embedded: z
    .object({
      tags: z.array(tagSchema).optional(),
      companies: z.array(refSchema).optional(),
      leads: z.array(refSchema).optional(),
      contacts: z.array(refSchema).optional(),
    })
    .optional(),
});
export type Party = z.infer<typeof partySchema>;

export const partyKey = (type: PartyType, id: number) => ['v4', type, 'one', id] as const;
export const partyListKey = (type: PartyType) => ['v4', type, 'list'] as const;

export const fetchParty = (type: PartyType, id: number) =>
  apiRequest('GET', `/api/v4/${type}/${id}?with=leads,contacts`, decodeWith(partySchema));

export type PartyListParams = {
  query?: string;
  page?: number;
  limit?: number;
  responsible?: number;
  order?: 'created_at' | 'updated_at' | 'id';
  direction?: 'asc' | 'desc';
  ids?: number[];
  /** Created at or after (unix seconds). */
  createdFrom?: number;
};

export async function fetchParties(
  type: PartyType,
  p: PartyListParams,
): Promise<{ items: Party[]; hasMore: boolean }> {
  let hasMore = false;
  const decode = embeddedList(type, partySchema);
  const params: Record<string, string | number | undefined | number[]> = {
    query: p.query,
    page: p.page ?? 1,
    limit: p.limit ?? 50,
    with: 'leads',
    'filter[responsible_user_id]': p.responsible,
    'filter[created_at][from]': p.createdFrom,
  };
  if (p.ids) params['filter[id]'] = p.ids;
  if (p.order) params[`order[${p.order}]`] = p.direction ?? 'desc';
  const items = await apiRequest('GET', `/api/v4/${type}${query(params)}`, (v) => {
    hasMore = hasNextPage(v);
    return decode(v);
  });
  return { items, hasMore };
}

const batchIds = (key: PartyType) =>
  decodeWith(z.object({ _embedded: z.object({ [key]: z.array(z.object({ id: z.number() })) }) }));

export type NewParty = {
  name: string;
  custom_fields_values?: FieldPatch[];
  _embedded?: { companies?: Array<{ id: number }> };
};

export async function createParty(type: PartyType, input: NewParty): Promise<number> {
  const result = await apiRequest('POST', `/api/v4/${type}`, batchIds(type), [input]);
  const id = result._embedded[type]?.[0]?.id;
  if (id === undefined) throw new Error('the server created nothing');
  return id;
}

export type PartyPatch = {
  name?: string;
  first_name?: string;
  last_name?: string;
  responsible_user_id?: number;
  custom_fields_values?: FieldPatch[];
  _embedded?: { tags?: Array<{ name: string } | { id: number }> | null };
};

export const patchParty = (type: PartyType, id: number, patch: PartyPatch) =>
  apiRequest('PATCH', `/api/v4/${type}/${id}`, noContent, patch);

/** Several at once (bulk tags): one PATCH with a list, as amoCRM takes it. */
export const patchParties = (type: PartyType, items: Array<PartyPatch & { id: number }>) =>
  apiRequest('PATCH', `/api/v4/${type}`, noContent, items);

export const deleteParty = (type: PartyType, id: number) =>
  apiRequest('DELETE', `/api/v4/${type}/${id}`, noContent);

export const restoreParty = (type: PartyType, id: number) =>
  apiRequest('POST', `/api/app/${type}/${id}/restore`, noContent);
