import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';

const dealRef = z
  .object({
    id: z.number(),
    name: z.string(),
    price: z.number(),
    stage_id: z.number(),
    pipeline_id: z.number(),
    is_deleted: z.boolean(),
  })
  .nullable();

export const categories = ['forms', 'sip', 'chats', 'mail'] as const;
export type Category = (typeof categories)[number];
export const statuses = ['new', 'accepted', 'linked', 'declined'] as const;
export type EntryStatus = (typeof statuses)[number];

const entrySchema = z.object({
  uid: z.string(),
  category: z.enum(categories),
  status: z.enum(statuses),
  source: z.object({ id: z.number(), uid: z.string(), name: z.string() }).nullable(),
  pipeline_id: z.number(),
  deal: dealRef,
  linked_deal: dealRef,
  contact: z
    .object({ id: z.number(), name: z.string(), is_new: z.boolean(), is_deleted: z.boolean() })
    .nullable(),
  company: z.object({ id: z.number(), name: z.string(), is_deleted: z.boolean() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  payload: z.object({
    contact: z
      .object({ name: z.string(), phones: z.array(z.string()), emails: z.array(z.string()) })
      .nullable(),
    company: z.object({ name: z.string() }).nullable(),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
    message: z.string().optional(),
    subject: z.string().optional(),
  }),
  duplicates: z.array(
    z.object({
      entity_type: z.enum(['contacts', 'companies']),
      id: z.number(),
      name: z.string(),
      matched_by: z.array(z.enum(['phone', 'email', 'name', 'tax_id'])),
    }),
  ),
  decided_by: z.number().nullable(),
  decided_at: z.number().nullable(),
  created_at: z.number(),
});
export type InboxEntry = z.infer<typeof entrySchema>;

const summarySchema = z.object({
  total: z.number(),
  pending: z.number(),
  accepted: z.number(),
  declined: z.number(),
  average_sort_time: z.number(),
  categories: z.record(z.enum(categories), z.number()),
});
export type InboxSummary = z.infer<typeof summarySchema>;

const stageSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.number(),
  sort: z.number(),
  color: z.string(),
});
const pipelineSchema = z.object({
  id: z.number(),
  name: z.string(),
  is_main: z.boolean(),
  _embedded: z.object({ statuses: z.array(stageSchema) }),
});
export type PipelineOption = z.infer<typeof pipelineSchema>;

export const inboxKey = ['inbox'] as const;

export type InboxQuery = { status: EntryStatus | 'all'; category: Category | 'all'; page: number };

export function fetchInbox(q: InboxQuery) {
  const params = new URLSearchParams({ page: String(q.page), limit: '20' });
  if (q.status !== 'all') params.set('status', q.status);
  if (q.category !== 'all') params.set('category', q.category);
  return apiRequest(
    'GET',
    `/api/app/inbox?${params.toString()}`,
    decodeWith(z.object({ items: z.array(entrySchema), has_more: z.boolean() })),
  );
}

export const fetchInboxSummary = () => apiRequest('GET', '/api/app/inbox/summary', decodeWith(summarySchema));

/** The pipelines with their stages (amoCRM's list; answers 204 when there are none). */
export const fetchPipelines = async (): Promise<PipelineOption[]> =>
  (
    await apiRequest(
      'GET',
      '/api/v4/leads/pipelines',
      decodeWith(z.object({ _embedded: z.object({ pipelines: z.array(pipelineSchema) }) }).optional()),
    )
  )?._embedded.pipelines ?? [];

export const acceptEntry = (uid: string, stageId: number | undefined) =>
  apiRequest('POST', `/api/app/inbox/${encodeURIComponent(uid)}/accept`, decodeWith(entrySchema), {
    ...(stageId === undefined ? {} : { stage_id: stageId }),
  });

export const declineEntry = (uid: string) =>
  apiRequest('POST', `/api/app/inbox/${encodeURIComponent(uid)}/decline`, decodeWith(entrySchema), {});

export const linkEntry = (uid: string, dealId: number) =>
  apiRequest('POST', `/api/app/inbox/${encodeURIComponent(uid)}/link`, decodeWith(entrySchema), {
    deal_id: dealId,
  });
