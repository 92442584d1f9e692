import { webhookActions, type WebhookAction } from '@voronka/common';
import { z } from 'zod';
import type { Webhook } from '../../db/types-crm.ts';

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
  format: hook.format,
  ...(hook.disabled_reason !== null && hook.is_disabled === 1
    ? { disabled_reason: hook.disabled_reason }
    : {}),
});
