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
    .set({ is_disabled: 1, disabled_reason: reason, disabled_at: at, updated_at: at })
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

/** A subscription of the account by id. */
export const findWebhook = (db: Kysely<DB>, accountId: number, id: number): Promise<Webhook | undefined> =>
  db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function countWebhooks(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const deleteWebhookById = async (db: Kysely<DB>, accountId: number, id: number): Promise<boolean> => {
  const result = await db
    .deleteFrom('webhooks')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
};

/** A subscription's delivery log, newest first, `before` an id (the previous page's last). */
export function listDeliveries(
  db: Kysely<DB>,
  accountId: number,
  webhookId: number,
  page: { limit: number; before?: number; status?: string },
): Promise<WebhookDelivery[]> {
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('webhook_id', '=', webhookId);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  if (page.status !== undefined) q = q.where('status', '=', page.status);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** The newest delivery of a subscription, if any. */
export const lastDelivery = (db: Kysely<DB>, webhookId: number): Promise<WebhookDelivery | undefined> =>
  db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Drops log rows older than `before` (unix seconds), so the log does not grow without end. */
export async function pruneDeliveries(db: Kysely<DB>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
