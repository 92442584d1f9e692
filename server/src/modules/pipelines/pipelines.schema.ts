import { z } from 'zod';

/** amoCRM sends true/false; older clients send 1/0. */
export const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .transform((v) => v === true || v === 1);
export const entityId = z.coerce.number().int().positive();
const name = z.string().trim().min(1).max(255);
const sort = z.number().int().min(0).max(1_000_000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #99ccff');
const requestId = z.string().max(100).optional();

export const statusCreateSchema = z.object({
  name,
  sort: sort.optional(),
  color: color.optional(),
  descriptions: z.array(z.unknown()).optional(),
  request_id: requestId,
});
export type StatusCreateInput = z.infer<typeof statusCreateSchema>;

/** In a new pipeline's statuses, `id` 142 / 143 renames its won / lost stage (as amoCRM allows). */
export const pipelineStatusSchema = statusCreateSchema.extend({
  id: z.union([z.literal(142), z.literal(143)]).optional(),
});

export const statusUpdateSchema = z.object({
  name: name.optional(),
  sort: sort.optional(),
  color: color.optional(),
  descriptions: z.array(z.unknown()).optional(),
  request_id: requestId,
});
export type StatusUpdateInput = z.infer<typeof statusUpdateSchema>;
export const statusBatchUpdateSchema = statusUpdateSchema.extend({ id: z.number().int().positive() });

export const pipelineCreateSchema = z.object({
  name,
  sort: sort.optional(),
  is_main: flag.optional(),
  is_unsorted_on: flag.optional(),
  is_archive: flag.optional(),
  request_id: requestId,
  _embedded: z.object({ statuses: z.array(pipelineStatusSchema).max(100).optional() }).optional(),
});
export type PipelineCreateInput = z.infer<typeof pipelineCreateSchema>;

export const pipelineUpdateSchema = z.object({
  name: name.optional(),
  sort: sort.optional(),
  is_main: flag.optional(),
  is_unsorted_on: flag.optional(),
  is_archive: flag.optional(),
  request_id: requestId,
});
export type PipelineUpdateInput = z.infer<typeof pipelineUpdateSchema>;
export const pipelineBatchUpdateSchema = pipelineUpdateSchema.extend({ id: z.number().int().positive() });

export const lossReasonCreateSchema = z.object({ name, sort: sort.optional(), request_id: requestId });
export type LossReasonCreateInput = z.infer<typeof lossReasonCreateSchema>;
export const lossReasonUpdateSchema = z.object({ name: name.optional(), sort: sort.optional() });
export type LossReasonUpdateInput = z.infer<typeof lossReasonUpdateSchema>;

export const withQuery = z.object({ with: z.string().max(500).optional() });
