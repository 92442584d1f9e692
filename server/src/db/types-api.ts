/**
 * Columns added by migration 007-webhook-log, merged into the CRM table types (module
 * augmentation, so types-crm.ts stays untouched).
 */
declare module './types-crm.ts' {
  interface WebhooksTable {
    /** When the subscription was disabled after failed deliveries (unix seconds). */
    disabled_at: number | null;
  }
  interface WebhookDeliveriesTable {
    /** The subscribed actions this delivery carried, comma-separated (status_lead,update_lead). */
    actions: string | null;
    entity_type: string | null;
    entity_id: number | null;
    duration_ms: number | null;
    /** The first characters of the receiver's answer, or the network error. */
    response_excerpt: string | null;
    /** When the queue tries again after this failed attempt (unix seconds); null: no retry. */
    next_retry_at: number | null;
  }
}

export {};
