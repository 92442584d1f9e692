import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';

/** The table behind each amoCRM entity name. */
export const tableOf = (type: EntityType) =>
  type === 'leads'
    ? ('deals' as const)
    : type === 'contacts'
      ? ('contacts' as const)
      : ('companies' as const);

/** The ids among `ids` that name live (not deleted) entities of the account. */
export async function liveEntityIds(
  db: Kysely<DB>,
  accountId: number,
  type: EntityType,
  ids: number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(tableOf(type))
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', [...new Set(ids)])
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function entityExists(db: Kysely<DB>, accountId: number, type: EntityType, id: number) {
  return (await liveEntityIds(db, accountId, type, [id])).has(id);
}

/** Names of the account's entities (deleted ones included: a feed still names them). */
export async function entityNames(
  db: Kysely<DB>,
  accountId: number,
  type: EntityType,
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(tableOf(type))
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Marks entities changed by a link or unlink, so `filter[updated_at]` syncs pick them up. */
export async function touchEntities(
  db: Kysely<DB>,
  accountId: number,
  type: EntityType,
  ids: number[],
  userId: number,
  at: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable(tableOf(type))
    .set({ updated_at: at, updated_by: userId })
    .where('account_id', '=', accountId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Stores the deadline of an entity's nearest open task (null: none), shown on cards and lists. */
export async function setClosestTaskAt(
  db: Kysely<DB>,
  accountId: number,
  type: EntityType,
  id: number,
  closestTaskAt: number | null,
): Promise<void> {
  await db
    .updateTable(tableOf(type))
    .set({ closest_task_at: closestTaskAt })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
