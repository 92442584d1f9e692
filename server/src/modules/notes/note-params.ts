import { z } from 'zod';

const text = z.string().trim().min(1).max(20_000);
const label = z.string().trim().min(1).max(255);
const phone = z.string().trim().min(1).max(50);
const coordinate = z
  .union([z.string().regex(/^-?\d{1,3}(\.\d+)?$/), z.number().min(-180).max(180)])
  .transform(String);

const call = z.object({
  uniq: label,
  duration: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400),
  source: label,
  link: z.url().max(2000).nullish(),
  phone,
  call_result: z.string().max(255).nullish(),
  /** amoCRM's call statuses 1..7: left a message, call back later, unavailable, ... */
  call_status: z.number().int().min(1).max(7).nullish(),
  call_responsible: z.union([z.number().int().min(0), z.string().max(255)]).nullish(),
});

const service = z.object({ service: label, text });

export const noteTypes = [
  'common',
  'call_in',
  'call_out',
  'service_message',
  'extended_service_message',
  'message_cashier',
  'geolocation',
  'sms_in',
  'sms_out',
  'attachment',
  'invoice_paid',
] as const;
/** Written only by the server (the mail module), never through the notes API. */
export const internalNoteTypes = ['mail_in', 'mail_out'] as const;
export type NoteType = (typeof noteTypes)[number] | (typeof internalNoteTypes)[number];

const address = z.object({ email: z.string().max(320), name: z.string().max(255) });
/** A mail on the timeline: the mail row's id and what the feed shows of it. */
const mail = z.object({
  mail_id: z.number().int().positive(),
  subject: z.string().max(1000),
  from: address,
  to: z.array(address).max(100),
  text: z.string().max(20_000),
  status: z.enum(['received', 'queued', 'sent', 'failed']),
  has_html: z.boolean(),
  attachments: z.number().int().min(0),
  error: z.string().max(1000).optional(),
});

/**
 * The `params` each creatable note type requires, as amoCRM documents them. Unknown keys are
 * dropped; the stored params are exactly what the schema let through.
 */
export const noteParamsSchemas = {
  common: z.object({ text }),
  call_in: call,
  call_out: call,
  service_message: service,
  extended_service_message: service,
  message_cashier: z.object({ status: z.enum(['created', 'shown', 'canceled']), text }),
  geolocation: z.object({
    text,
    address: z.string().trim().max(1000),
    longitude: coordinate,
    latitude: coordinate,
  }),
  sms_in: z.object({ text, phone }),
  sms_out: z.object({ text, phone }),
  attachment: z.object({
    file_uuid: z.uuid(),
    version_uuid: z.uuid().optional(),
    file_name: label,
    original_name: label.optional(),
  }),
  invoice_paid: z.object({ text, service: label, icon_url: z.url().max(2000).optional() }),
  mail_in: mail,
  mail_out: mail,
} satisfies Record<NoteType, z.ZodType<Record<string, unknown>>>;

export type ParamsIssue = { path: string; detail: string; code: string };

/** Validates `params` for a note type: the cleaned params, or the issues (paths under `params`). */
export function parseNoteParams(
  type: NoteType,
  params: unknown,
): { ok: true; params: Record<string, unknown> } | { ok: false; issues: ParamsIssue[] } {
  const parsed = noteParamsSchemas[type].safeParse(params);
  if (parsed.success) return { ok: true, params: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      code: i.code,
      path: ['params', ...i.path.map(String)].join('.'),
      detail: i.message,
    })),
  };
}
