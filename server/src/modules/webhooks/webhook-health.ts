import { WEBHOOK_FAILURE_WINDOW_SECONDS, type AppWebhook } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { Webhook } from '../../db/types-crm.ts';
import { presentAppWebhook } from './present-webhook.ts';
import { countFailuresSince, lastDelivery } from './webhooks.repo.ts';

/** Subscriptions as the settings screen shows them: failures in the window and the last attempt. */
export async function withHealth(db: Kysely<DB>, hooks: Webhook[]): Promise<AppWebhook[]> {
  const since = nowSeconds() - WEBHOOK_FAILURE_WINDOW_SECONDS;
  return Promise.all(
    hooks.map(async (hook) =>
      presentAppWebhook(hook, {
        recentFailures: await countFailuresSince(db, hook.id, since),
        last: await lastDelivery(db, hook.id),
      }),
    ),
  );
}
