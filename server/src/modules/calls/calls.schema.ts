import { z } from 'zod';

const seconds = z.number().int().min(0).max(99_999_999_999);

/** An item of POST /api/v4/calls (amoCRM's CallCreateItem). */
export const callItemSchema = z.object({
  request_id: z.string().max(100).optional(),
  direction: z.enum(['inbound', 'outbound']),
  uniq: z.string().trim().max(255).optional(),
  duration: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400),
  source: z.string().trim().min(1).max(255),
  link: z.url().max(2000).optional(),
  phone: z.union([z.string().trim().min(1).max(50), z.number().int().positive()]).transform(String),
  call_responsible: z.union([z.string().max(255), z.number().int().min(0)]).nullish(),
  call_result: z.string().max(255).optional(),
  call_status: z.number().int().min(1).max(7).optional(),
  responsible_user_id: z.number().int().positive().optional(),
  created_by: z.number().int().min(0).optional(),
  updated_by: z.number().int().min(0).optional(),
  created_at: seconds.optional(),
  updated_at: seconds.optional(),
});
export type CallItem = z.infer<typeof callItemSchema>;

/** The provider-neutral inbound webhook: what any PBX can send about one call. */
export const genericCallSchema = z.object({
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  phone: z.union([z.string().trim().min(1).max(50), z.number().int().positive()]).transform(String),
  status: z.enum(['answered', 'missed', 'busy', 'failed']).default('answered'),
  duration: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .default(0),
  recording_url: z.url().max(2000).optional(),
  call_id: z.string().trim().max(255).optional(),
  started_at: seconds.optional(),
  provider: z.string().trim().min(1).max(255).default('telephony'),
  user_id: z.number().int().positive().optional(),
});
export type GenericCall = z.infer<typeof genericCallSchema>;

/** amoCRM's call_status values: 6 "not reached", 7 "busy". */
export const toCallItem = (c: GenericCall): CallItem => ({
  direction: c.direction,
  phone: c.phone,
  duration: c.status === 'answered' ? c.duration : 0,
  source: c.provider,
  ...(c.recording_url ? { link: c.recording_url } : {}),
  ...(c.call_id ? { uniq: c.call_id } : {}),
  ...(c.status === 'answered'
    ? { call_status: 4 }
    : c.status === 'busy'
      ? { call_status: 7 }
      : { call_status: 6 }),
  ...(c.started_at ? { created_at: c.started_at } : {}),
  ...(c.user_id ? { responsible_user_id: c.user_id } : {}),
});
