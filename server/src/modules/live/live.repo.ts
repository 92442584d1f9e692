import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type LiveEventRow = {
  id: number;
  account_id: number;
  type: string;
  entity_type: string;
  entity_id: number;
  created_by: number;
};

export async function lastEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max<number | null>('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Events after `afterId` in id order (all accounts, or one). */
export function eventsSince(
  db: Kysely<DB>,
  afterId: number,
  limit: number,
  accountId?: number,
): Promise<LiveEventRow[]> {
  let q = db
    .selectFrom('events')
    .select(['id', 'account_id', 'type', 'entity_type', 'entity_id', 'created_by'])
    .where('id', '>', afterId);
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  return q.orderBy('id').limit(limit).execute();
}

/** The pipeline and responsible of deals, for routing and "new deal for me" notifications. */
export async function dealHeads(
  db: Kysely<DB>,
  dealIds: number[],
): Promise<Map<number, { pipeline_id: number; responsible_user_id: number | null; account_id: number }>> {
  if (dealIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'account_id', 'pipeline_id', 'responsible_user_id'])
    .where('id', 'in', dealIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The record each task is on (deal, contact, company), for the cards that show it. */
export async function taskParents(
  db: Kysely<DB>,
  taskIds: number[],
): Promise<Map<number, { entity_type: string | null; entity_id: number | null; account_id: number }>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'account_id', 'entity_type', 'entity_id'])
    .where('id', 'in', taskIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
