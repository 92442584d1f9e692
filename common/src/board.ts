import { z } from 'zod';
import { stageKinds, boardDealSchema } from './deals.ts';

const id = z.number().int().positive();

/** GET /api/app/board/deals/:id: how one deal stands on a board now (null: not on it). */
export const boardCardStateSchema = z.object({
  deal_id: id,
  deal: boardDealSchema.nullable(),
  totals: z.array(z.object({ stage_id: id, count: z.number(), sum: z.number() })),
});
export type BoardCardState = z.infer<typeof boardCardStateSchema>;

/** GET /api/app/board/meta: everything the board's switcher, filters and modals pick from. */
export const boardMetaSchema = z.object({
  pipelines: z.array(
    z.object({
      id,
      name: z.string(),
      is_main: z.boolean(),
      is_archive: z.boolean(),
      stages: z.array(
        z.object({ id, status_id: id, name: z.string(), color: z.string(), kind: z.enum(stageKinds) }),
      ),
    }),
  ),
  users: z.array(z.object({ id, name: z.string(), is_active: z.boolean() })),
  tags: z.array(z.object({ id, name: z.string(), color: z.string().nullable() })),
  loss_reasons: z.array(z.object({ id, name: z.string() })),
  fields: z.array(
    z.object({
      id,
      name: z.string(),
      type: z.string(),
      code: z.string().nullable(),
      enums: z.array(z.object({ id, value: z.string() })),
      required_statuses: z.array(z.object({ pipeline_id: id, status_id: id })),
    }),
  ),
  sources: z.array(z.string()),
});
export type BoardMeta = z.infer<typeof boardMetaSchema>;

/** The list view's sortable columns. */
export const dealSortKeys = [
  'created_at',
  'updated_at',
  'name',
  'price',
  'closest_task_at',
  'stage',
] as const;
export type DealSortKey = (typeof dealSortKeys)[number];

/** GET /api/app/deals: one page of the filtered deals of a pipeline, with the total. */
export const dealListPageSchema = z.object({
  deals: z.array(boardDealSchema),
  total: z.number(),
  sum: z.number(),
});
export type DealListPage = z.infer<typeof dealListPageSchema>;

const tagNames = z.array(z.string().trim().min(1).max(255)).min(1).max(50);

/** POST /api/app/deals/bulk: one action over up to 500 selected deals. */
export const dealBulkInputSchema = z.object({
  ids: z.array(id).min(1).max(500),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('move'), stage_id: id, loss_reason_id: id.optional() }),
    z.object({ type: z.literal('responsible'), user_id: id }),
    z.object({ type: z.literal('add_tags'), tags: tagNames }),
    z.object({ type: z.literal('remove_tags'), tags: tagNames }),
    z.object({ type: z.literal('delete') }),
  ]),
});
export type DealBulkInput = z.infer<typeof dealBulkInputSchema>;
export type DealBulkAction = DealBulkInput['action'];

export const dealBulkResultSchema = z.object({
  done: z.number(),
  failed: z.array(z.object({ id, detail: z.string() })),
});
export type DealBulkResult = z.infer<typeof dealBulkResultSchema>;

/** A saved filter of the board / list, kept per user: `query` is the URL's query string. */
export const dealFilterPresetSchema = z.object({ id, name: z.string(), query: z.string() });
export type DealFilterPreset = z.infer<typeof dealFilterPresetSchema>;
export const dealFilterPresetInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  query: z.string().max(4000),
});

/** One message of GET /api/app/stream (server-sent events, `event: change`). */
export const liveChangeSchema = z.object({
  id,
  type: z.string(),
  entity_type: z.string(),
  entity_id: z.number(),
  created_by: z.number(),
  /** The deal's responsible user after the change, for "new deal for me" notifications. */
  responsible_user_id: z.number().nullable().optional(),
  pipeline_id: z.number().nullable().optional(),
  /** For a task: the record it is on (a deal's card shows its tasks' changes live). */
  parent_type: z.string().nullable().optional(),
  parent_id: z.number().nullable().optional(),
});
export type LiveChange = z.infer<typeof liveChangeSchema>;
