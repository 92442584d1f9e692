import { z } from 'zod';
import { dealCanSchema, stageCanSchema } from './rights.ts';

/**
 * amoCRM's fixed status ids: every pipeline has one "won" and one "lost" stage, exposed under
 * these ids, so an API write that names them also carries `pipeline_id`.
 */
export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

export const stageKinds = ['incoming', 'open', 'won', 'lost'] as const;
export type StageKindName = (typeof stageKinds)[number];

/**
 * `value_before` / `value_after` of a `deal.stage_changed` event: the amoCRM status id
 * (142 / 143 for won / lost) and the pipeline.
 */
export type DealStageEventValue = { status_id: number; pipeline_id: number };

const id = z.number().int().positive();

export const boardDealSchema = z.object({
  id,
  name: z.string(),
  price: z.number(),
  pipeline_id: id,
  stage_id: id,
  position: z.number(),
  responsible_user_id: z.number().nullable(),
  created_at: z.number(),
  updated_at: z.number(),
  stage_entered_at: z.number(),
  closed_at: z.number().nullable(),
  closest_task_at: z.number().nullable(),
  main_contact: z.object({ id, name: z.string() }).nullable(),
  company: z.object({ id, name: z.string() }).nullable(),
  tags: z.array(z.object({ id, name: z.string(), color: z.string().nullable() })),
  /** What the signed-in user may do with the card (rights). */
  can: dealCanSchema.optional(),
  /** Days over the stage's time limit, when the deal has stayed too long (process rules). */
  overdue_days: z.number().optional(),
});
export type BoardDeal = z.infer<typeof boardDealSchema>;

export const boardStageSchema = z.object({
  stage: z.object({
    id,
    /** The id the amoCRM API uses: 142 / 143 for won / lost, else the stage id. */
    status_id: id,
    pipeline_id: id,
    name: z.string(),
    color: z.string(),
    sort: z.number(),
    kind: z.enum(stageKinds),
  }),
  count: z.number(),
  sum: z.number(),
  deals: z.array(boardDealSchema),
  has_more: z.boolean(),
  /** What the signed-in user may do in the column (rights). */
  can: stageCanSchema.optional(),
  /** The stage's time limit in days (process rules), when it has one. */
  max_days: z.number().optional(),
});
export type BoardStage = z.infer<typeof boardStageSchema>;

/** GET /api/app/board: one pipeline's stages, each with its totals and first page of cards. */
export const boardSchema = z.object({
  pipeline: z.object({
    id,
    name: z.string(),
    is_main: z.boolean(),
    is_unsorted_on: z.boolean(),
    is_archive: z.boolean(),
  }),
  stages: z.array(boardStageSchema),
});
export type Board = z.infer<typeof boardSchema>;

/** GET /api/app/board/stages/:id/deals: the next cards of one stage after a cursor. */
export const boardStagePageSchema = z.object({ deals: z.array(boardDealSchema), has_more: z.boolean() });
export type BoardStagePage = z.infer<typeof boardStagePageSchema>;

/**
 * POST /api/app/deals/:id/move. `after_id`: the card the moved card lands below; `before_id`: the
 * card it lands above; neither: the top of the stage. A move to the lost stage may name a reason.
 */
export const moveDealInputSchema = z
  .object({
    stage_id: id,
    after_id: id.optional(),
    before_id: id.optional(),
    loss_reason_id: id.optional(),
  })
  .refine((v) => v.after_id === undefined || v.before_id === undefined, {
    message: 'Give after_id or before_id, not both',
    path: ['before_id'],
  });
export type MoveDealInput = z.infer<typeof moveDealInputSchema>;

export const moveDealResultSchema = z.object({
  deal: boardDealSchema,
  /** True when the stage ran out of room between the neighbours and was renumbered. */
  renumbered: z.boolean(),
});
export type MoveDealResult = z.infer<typeof moveDealResultSchema>;
