import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Webhook, WebhookDeliveriesTable, WebhookDelivery, WebhooksTable } from '../../db/types-crm.ts';

export async function listWebhooks(
  db: Kysely<DB>,
  accountId: number,
  destination?: string,
): Promise<Webhook[]> {
  let q = db.selectFrom('webhooks').selectAll().where('account_id', '=', accountId);
  if (destination !== undefined) q = q.where('destination', '=', destination);
  return q.orderBy('sort').orderBy('id').execute();
}

export const findWebhookByDestination = (db: Kysely<DB>, accountId: number, destination: string) =>
  db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('destination', '=', destination)
    .executeTakeFirst();

/** By id alone: the delivery worker runs outside any request's account. */
export const findWebhookById = (db: Kysely<DB>, id: number): Promise<Webhook | undefined> =>
  db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();

export const insertWebhook = (db: Kysely<DB>, row: Insertable<WebhooksTable>): Promise<Webhook> =>
  db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();

export const updateWebhook = (
  db: Kysely<DB>,
  id: number,
  patch: Updateable<WebhooksTable>,
): Promise<Webhook> =>
  db.updateTable('webhooks').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function deleteWebhook(
  db: Kysely<DB>,
  accountId: number,
  destination: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('webhooks')
    .where('account_id', '=', accountId)
    .where('destination', '=', destination)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Live subscriptions of the given accounts, for the dispatcher. */
export const enabledWebhooks = (db: Kysely<DB>, accountIds: number[]): Promise<Webhook[]> =>
  accountIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('webhooks')
        .selectAll()
        .where('account_id', 'in', accountIds)
        .where('is_disabled', '=', 0)
        .orderBy('sort')
        .orderBy('id')
        .execute();

/**
 * Disables a subscription once (the first caller wins under concurrency); returns whether this
 * call disabled it.
 */
export async function disableWebhook(
  db: Kysely<DB>,
  id: number,
  reason: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ is_disabled: 1, disabled_reason: reason, updated_at: at })
    .where('id', '=', id)
    .where('is_disabled', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const insertDelivery = (
  db: Kysely<DB>,
  row: Insertable<WebhookDeliveriesTable>,
): Promise<WebhookDelivery> =>
  db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();

export async function countFailuresSince(db: Kysely<DB>, webhookId: number, since: number): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'failed')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const listDeliveries = (db: Kysely<DB>, accountId: number, webhookId: number, limit: number) =>
  db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
