import { z } from 'zod';
import { pagingSchema } from '../../http/v4-list.ts';
import { idListSchema, nameListSchema, orderSchema, rangeSchema } from '../events/v4-input.ts';
import { noteTypes } from './note-params.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const params = z.record(z.string(), z.unknown());

/** A new note; `params` are checked against `note_type` by the command (paths `params.*`). */
export const noteCreateSchema = z.object({
  request_id: z.string().max(100).optional(),
  entity_id: id.optional(),
  note_type: z.enum(noteTypes),
  params,
  responsible_user_id: id.optional(),
  /** The author shown in the feed (a telephony integration names the user who took the call). */
  created_by: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  is_need_to_trigger_digital_pipeline: z.boolean().optional(),
});
export type NoteCreateInput = z.infer<typeof noteCreateSchema>;

const patchFields = { note_type: z.enum(noteTypes).optional(), params: params.optional() };
export const notePatchByIdSchema = z.object(patchFields);
export const notePatchSchema = z.object({
  ...patchFields,
  id,
  entity_id: id.optional(),
  request_id: z.string().max(100).optional(),
});

export const noteOrderFields = ['updated_at', 'id'] as const;

export const noteListQuerySchema = pagingSchema.extend({
  filter: z
    .object({
      id: idListSchema.optional(),
      entity_id: idListSchema.optional(),
      note_type: nameListSchema.optional(),
      updated_at: rangeSchema.optional(),
    })
    .optional(),
  order: orderSchema(noteOrderFields),
});
