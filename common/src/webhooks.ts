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
