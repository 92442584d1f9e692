import type { AppWebhookPatch } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Webhook } from '../../db/types-crm.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { newWebhookSecret } from './subscribe-webhook.ts';
import { findWebhook, updateWebhook } from './webhooks.repo.ts';

/**
 * Changes a subscription from the settings screen: its actions, format, signing secret, and
 * whether it is active (re-enabling clears the reason it was disabled; disabling by hand records
 * that an administrator did it).
 */
export async function updateWebhookSettings(ctx: Ctx, id: number, patch: AppWebhookPatch): Promise<Webhook> {
  return ctx.db.transaction().execute(async (trx) => {
    const hook = await findWebhook(trx, ctx.accountId, id);
    if (!hook) throw notFound('Webhook not found');
    const now = nowSeconds();
    const status =
      patch.status === 'active' && hook.is_disabled === 1
        ? { is_disabled: 0, disabled_reason: null, disabled_at: null }
        : patch.status === 'disabled' && hook.is_disabled === 0
          ? { is_disabled: 1, disabled_reason: 'Disabled by an administrator', disabled_at: now }
          : {};
    return updateWebhook(trx, hook.id, {
      ...(patch.settings ? { settings: JSON.stringify([...new Set(patch.settings)]) } : {}),
      ...(patch.format ? { format: patch.format } : {}),
      ...(patch.rotate_secret ? { secret: newWebhookSecret() } : {}),
      ...status,
      updated_at: now,
    });
  });
}
