import {
  webhookActions,
  webhookFormats,
  type AppWebhook,
  type AppWebhookDelivery,
  type WebhookAction,
} from '@voronka/common';
import { z } from 'zod';
import type { Webhook, WebhookDelivery } from '../../db/types-crm.ts';

const storedSettings = z.array(z.enum(webhookActions));

/** The subscribed actions (stored as a JSON array written from validated input). */
export function webhookSettings(hook: Pick<Webhook, 'settings'>): WebhookAction[] {
  try {
    const parsed = storedSettings.safeParse(JSON.parse(hook.settings));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const formatOf = (hook: Webhook) => z.enum(webhookFormats).catch('amocrm').parse(hook.format);

/** amoCRM's Webhook, plus Voronka's format and, when disabled, why. */
export const presentWebhook = (hook: Webhook) => ({
  id: hook.id,
  destination: hook.destination,
  created_at: hook.created_at,
  updated_at: hook.updated_at,
  account_id: hook.account_id,
  created_by: hook.created_by,
  sort: hook.sort,
  disabled: hook.is_disabled === 1,
  settings: webhookSettings(hook),
  format: formatOf(hook),
  ...(hook.disabled_reason !== null && hook.is_disabled === 1
    ? { disabled_reason: hook.disabled_reason }
    : {}),
});

/** The settings screen's subscription, with its recent health. */
export const presentAppWebhook = (
  hook: Webhook,
  health: { recentFailures: number; last: WebhookDelivery | undefined },
): AppWebhook => ({
  id: hook.id,
  destination: hook.destination,
  settings: webhookSettings(hook),
  format: formatOf(hook),
  secret: hook.secret,
  sort: hook.sort,
  status: hook.is_disabled === 1 ? 'disabled' : 'active',
  disabled_reason: hook.is_disabled === 1 ? hook.disabled_reason : null,
  disabled_at: hook.is_disabled === 1 ? hook.disabled_at : null,
  recent_failures: health.recentFailures,
  last_delivery: health.last
    ? {
        status: health.last.status === 'delivered' ? 'delivered' : 'failed',
        response_code: health.last.response_code,
        created_at: health.last.created_at,
      }
    : null,
  created_by: hook.created_by,
  created_at: hook.created_at,
  updated_at: hook.updated_at,
});

export const presentDelivery = (d: WebhookDelivery): AppWebhookDelivery => ({
  id: d.id,
  webhook_id: d.webhook_id,
  event_id: d.event_id,
  actions: d.actions ? d.actions.split(',') : [],
  entity_type: d.entity_type,
  entity_id: d.entity_id,
  status: d.status === 'delivered' ? 'delivered' : 'failed',
  attempt: Math.max(1, d.attempts),
  response_code: d.response_code,
  error: d.error,
  response_excerpt: d.response_excerpt,
  duration_ms: d.duration_ms,
  next_retry_at: d.next_retry_at,
  created_at: d.created_at,
});
