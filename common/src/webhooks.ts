import { z } from 'zod';

/**
 * The actions a webhook subscription can name in `settings` (amoCRM's names). Companies are
 * delivered under the `contacts` key with `type=company`, as amoCRM does.
 */
export const webhookActions = [
  'add_lead',
  'update_lead',
  'delete_lead',
  'restore_lead',
  'status_lead',
  'responsible_lead',
  'note_lead',
  'add_contact',
  'update_contact',
  'delete_contact',
  'restore_contact',
  'responsible_contact',
  'note_contact',
  'add_company',
  'update_company',
  'delete_company',
  'restore_company',
  'responsible_company',
  'note_company',
  'add_task',
  'update_task',
  'delete_task',
  'responsible_task',
] as const;
export type WebhookAction = (typeof webhookActions)[number];

/** amocrm: form-encoded with PHP brackets (v2 field names); json: the same document as JSON. */
export const webhookFormats = ['amocrm', 'json'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription secret>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Voronka-Signature';

/*
 * The web app's contract for Settings → Webhooks (GET/POST /api/app/webhooks,
 * PATCH/DELETE /api/app/webhooks/:id, GET /api/app/webhooks/:id/deliveries). Administrators only.
 */

const id = z.number().int().positive();

/** Failed attempts within this window disable a subscription once they reach the limit. */
export const WEBHOOK_FAILURE_WINDOW_SECONDS = 2 * 3600;
export const WEBHOOK_FAILURE_LIMIT = 100;

export const webhookStatuses = ['active', 'disabled'] as const;
export type WebhookStatus = (typeof webhookStatuses)[number];

export const webhookDeliveryStatuses = ['delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** A subscription as the settings screen shows it. */
export const appWebhookSchema = z.object({
  id,
  destination: z.string(),
  settings: z.array(z.enum(webhookActions)),
  format: z.enum(webhookFormats),
  /** The HMAC-SHA256 key of the signature header, for the receiver to verify deliveries. */
  secret: z.string(),
  sort: z.number(),
  status: z.enum(webhookStatuses),
  /** Why it was disabled (e.g. "100 failed deliveries in 2 hours; last: HTTP 500"), else null. */
  disabled_reason: z.string().nullable(),
  disabled_at: z.number().nullable(),
  /** Failed attempts in the last 2 hours (the subscription is disabled at 100). */
  recent_failures: z.number().int().min(0),
  last_delivery: z
    .object({
      status: z.enum(webhookDeliveryStatuses),
      response_code: z.number().nullable(),
      created_at: z.number(),
    })
    .nullable(),
  created_by: z.number(),
  created_at: z.number(),
  updated_at: z.number(),
});
export type AppWebhook = z.infer<typeof appWebhookSchema>;

export const appWebhookListSchema = z.object({ items: z.array(appWebhookSchema) });
export type AppWebhookList = z.infer<typeof appWebhookListSchema>;

/** POST /api/app/webhooks: subscribes (or updates the subscription of) a destination. */
export const appWebhookCreateSchema = z.object({
  destination: z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' }).max(2000),
  settings: z.array(z.enum(webhookActions)).min(1),
  format: z.enum(webhookFormats).optional(),
});
export type AppWebhookCreate = z.infer<typeof appWebhookCreateSchema>;

/** PATCH /api/app/webhooks/:id: `status: 'active'` re-enables a disabled subscription. */
export const appWebhookPatchSchema = z.object({
  settings: z.array(z.enum(webhookActions)).min(1).optional(),
  format: z.enum(webhookFormats).optional(),
  status: z.enum(webhookStatuses).optional(),
  /** true generates a new signing secret. */
  rotate_secret: z.boolean().optional(),
});
export type AppWebhookPatch = z.infer<typeof appWebhookPatchSchema>;

/** One attempt to deliver one event to one subscription. */
export const appWebhookDeliverySchema = z.object({
  id,
  webhook_id: id,
  event_id: z.number().nullable(),
  /** The subscribed actions the delivery carried: ['status_lead', 'update_lead']. */
  actions: z.array(z.string()),
  entity_type: z.string().nullable(),
  entity_id: z.number().nullable(),
  status: z.enum(webhookDeliveryStatuses),
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: z.number().int().min(1),
  response_code: z.number().nullable(),
  /** Why it failed: "HTTP 500", "connect ECONNREFUSED ...", "timeout after 10000 ms". */
  error: z.string().nullable(),
  response_excerpt: z.string().nullable(),
  duration_ms: z.number().nullable(),
  /** When the next attempt is due after this failure; null when none follows. */
  next_retry_at: z.number().nullable(),
  created_at: z.number(),
});
export type AppWebhookDelivery = z.infer<typeof appWebhookDeliverySchema>;

/** GET /api/app/webhooks/:id/deliveries?status=&before=&limit=: newest first. */
export const appWebhookDeliveryListSchema = z.object({
  items: z.array(appWebhookDeliverySchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next_before: z.number().nullable(),
});
export type AppWebhookDeliveryList = z.infer<typeof appWebhookDeliveryListSchema>;
