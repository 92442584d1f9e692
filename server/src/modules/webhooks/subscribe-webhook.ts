import { randomBytes } from 'node:crypto';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Webhook } from '../../db/types-crm.ts';
import { badRequest } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { countWebhooks, findWebhookByDestination, insertWebhook, updateWebhook } from './webhooks.repo.ts';
import type { SubscribeInput } from './webhooks.schema.ts';

/** amoCRM's own limit of subscriptions per account. */
export const MAX_WEBHOOKS_PER_ACCOUNT = 100;

export const newWebhookSecret = () => randomBytes(32).toString('base64url');

/**
 * Subscribes a destination to actions. Subscribing a destination again replaces its actions and
 * re-enables it (the way to resume a subscription disabled after failures), as amoCRM does.
 */
export async function subscribeWebhook(ctx: Ctx, input: SubscribeInput): Promise<Webhook> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowSeconds();
    const settings = JSON.stringify(input.settings);
    const existing = await findWebhookByDestination(trx, ctx.accountId, input.destination);
    if (existing) {
      return updateWebhook(trx, existing.id, {
        settings,
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(input.secret !== undefined ? { secret: input.secret } : {}),
        is_disabled: 0,
        disabled_reason: null,
        disabled_at: null,
        updated_at: now,
      });
    }
    if ((await countWebhooks(trx, ctx.accountId)) >= MAX_WEBHOOKS_PER_ACCOUNT) {
      throw badRequest([
        {
          code: 'TooMany',
          path: 'destination',
          detail: `An account may have at most ${MAX_WEBHOOKS_PER_ACCOUNT} webhooks`,
        },
      ]);
    }
    return insertWebhook(trx, {
      account_id: ctx.accountId,
      destination: input.destination,
      settings,
      format: input.format ?? 'amocrm',
      secret: input.secret ?? newWebhookSecret(),
      sort: input.sort ?? 0,
      created_by: ctx.userId,
      created_at: now,
      updated_at: now,
      disabled_at: null,
    });
  });
}
