import {
  dealBulkResultSchema,
  dealFilterPresetSchema,
  dealListPageSchema,
  moveDealResultSchema,
  type BoardDeal,
  type DealBulkAction,
  type DealSortKey,
  type MoveDealInput,
} from '@voronka/common';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { decodeBoard, decodeBoardMeta, decodeCardState, decodeStagePage } from './board-decode';
import { boardPath, PAGE_SIZE } from './deals-location';

export const boardMetaKey = ['board', 'meta'] as const;
export const boardKey = (pipelineId: number | null, filterQuery: string) =>
  ['board', 'columns', pipelineId, filterQuery] as const;
export const presetsKey = ['board', 'presets'] as const;

const withQuery = (path: string, params: URLSearchParams) => {
  const q = params.toString();
  return q ? `${path}?${q}` : path;
};

export const fetchBoardMeta = () => apiRequest('GET', '/api/app/board/meta', decodeBoardMeta);

export const fetchBoard = (pipelineId: number | null, filter: URLSearchParams) =>
  apiRequest('GET', boardPath(pipelineId, filter), decodeBoard);

/** Pipelines, stages, users, fields and loss reasons the deals screen needs. */
export const boardMetaQuery = queryOptions({
  queryKey: boardMetaKey,
  queryFn: fetchBoardMeta,
  staleTime: 60_000,
});

/** The board's first page of every column, shared by the board and the route's prefetch. */
export const boardQuery = (pipelineId: number | null, filter: URLSearchParams) =>
  queryOptions({
    queryKey: boardKey(pipelineId, filter.toString()),
    queryFn: () => fetchBoard(pipelineId, filter),
    staleTime: 60_000,
  });

export function fetchStagePage(stageId: number, after: BoardDeal, filter: URLSearchParams) {
  const params = new URLSearchParams(filter);
  params.set('after_position', String(after.position));
  params.set('after_id', String(after.id));
  params.set('limit', String(PAGE_SIZE));
  return apiRequest('GET', withQuery(`/api/app/board/stages/${stageId}/deals`, params), decodeStagePage);
}

export function fetchBoardCard(dealId: number, pipelineId: number, filter: URLSearchParams) {
  const params = new URLSearchParams(filter);
  params.set('pipeline_id', String(pipelineId));
  return apiRequest('GET', withQuery(`/api/app/board/deals/${dealId}`, params), decodeCardState);
}

export const moveDeal = (id: number, input: MoveDealInput) =>
  apiRequest('POST', `/api/app/deals/${id}/move`, decodeWith(moveDealResultSchema), input);

const createdSchema = z.array(z.object({ id: z.number() }));

export type QuickAddInput = {
  name: string;
  price: number | null;
  contactName: string;
  phone: string;
  stageId: number;
  pipelineId: number;
};

/** Creates a deal with its contact in one request (amoCRM's /leads/complex); returns the deal id. */
export async function quickAddDeal(input: QuickAddInput): Promise<number> {
  const contact =
    input.contactName || input.phone
      ? [
          {
            name: input.contactName || input.phone,
            ...(input.phone
              ? {
                  custom_fields_values: [
                    { field_code: 'PHONE', values: [{ value: input.phone, enum_code: 'WORK' }] },
                  ],
                }
              : {}),
          },
        ]
      : [];
  const created = await apiRequest('POST', '/api/v4/leads/complex', decodeWith(createdSchema), [
    {
      ...(input.name ? { name: input.name } : {}),
      ...(input.price !== null ? { price: input.price } : {}),
      status_id: input.stageId,
      pipeline_id: input.pipelineId,
      ...(contact.length ? { _embedded: { contacts: contact } } : {}),
    },
  ]);
  const first = created[0];
  if (!first) throw new Error('The server created no deal');
  return first.id;
}

export function fetchDealList(
  pipelineId: number | null,
  filter: URLSearchParams,
  sort: { key: DealSortKey; dir: 'asc' | 'desc' },
  page: { offset: number; limit: number },
) {
  const params = new URLSearchParams(filter);
  if (pipelineId !== null) params.set('pipeline_id', String(pipelineId));
  params.set('sort', sort.key);
  params.set('dir', sort.dir);
  params.set('offset', String(page.offset));
  params.set('limit', String(page.limit));
  return apiRequest('GET', withQuery('/api/app/deals', params), decodeWith(dealListPageSchema));
}

export const bulkDeals = (ids: number[], action: DealBulkAction) =>
  apiRequest('POST', '/api/app/deals/bulk', decodeWith(dealBulkResultSchema), { ids, action });

/** The CSV export's address: the browser downloads it with the session cookie. */
export function exportUrl(pipelineId: number | null, filter: URLSearchParams, ids: number[] | null): string {
  const params = new URLSearchParams(filter);
  if (pipelineId !== null) params.set('pipeline_id', String(pipelineId));
  if (ids) params.set('ids', ids.join(','));
  return withQuery('/api/app/deals/export.csv', params);
}

export const fetchPresets = () =>
  apiRequest('GET', '/api/app/deal-filter-presets', decodeWith(z.array(dealFilterPresetSchema)));
export const savePreset = (name: string, query: string) =>
  apiRequest('POST', '/api/app/deal-filter-presets', decodeWith(dealFilterPresetSchema), { name, query });
export const deletePreset = (id: number) =>
  apiRequest('DELETE', `/api/app/deal-filter-presets/${id}`, noContent);

/** Custom field values of a deal, as the v4 API reads them (for the required-fields modal). */
const leadFieldsSchema = z.object({
  custom_fields_values: z
    .array(z.object({ field_id: z.number(), values: z.array(z.object({ value: z.unknown().optional() })) }))
    .nullable(),
});
export const fetchDealFieldIds = async (id: number): Promise<Set<number>> => {
  const lead = await apiRequest('GET', `/api/v4/leads/${id}`, decodeWith(leadFieldsSchema));
  return new Set((lead.custom_fields_values ?? []).filter((f) => f.values.length > 0).map((f) => f.field_id));
};

export type FieldValueInput = {
  field_id: number;
  values: Array<{ value?: string | number | boolean; enum_id?: number }>;
};
export const saveDealFields = (id: number, values: FieldValueInput[]) =>
  apiRequest('PATCH', `/api/v4/leads/${id}`, () => undefined, { custom_fields_values: values });
