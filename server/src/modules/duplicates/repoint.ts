import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { PartyType } from './merge-snapshot.ts';

const CHUNK = 500;
const chunks = (ids: number[]) => {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
};

/** Tables whose rows hang on a contact or company by (entity_type, entity_id). */
export type Attached = 'notes' | 'tasks' | 'events';

/** Ids of the rows of `table` attached to an entity. */
export async function attachedIds(
  db: Kysely<DB>,
  accountId: number,
  table: Attached,
  type: PartyType,
  entityId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('account_id', '=', accountId)
    .where('entity_type', '=', type)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.map((r) => r.id);
}

/** Moves those rows (by id, still on `fromId`) to another entity of the same type. */
export async function moveAttached(
  db: Kysely<DB>,
  accountId: number,
  table: Attached,
  type: PartyType,
  ids: number[],
  fromId: number,
  toId: number,
): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .updateTable(table)
      .set({ entity_id: toId })
      .where('account_id', '=', accountId)
      .where('entity_type', '=', type)
      .where('entity_id', '=', fromId)
      .where('id', 'in', part)
      .execute();
  }
}

/** Columns elsewhere that point at a contact or company by id. */
export type Pointer =
  | { table: 'incoming_leads'; column: 'contact_id' | 'company_id' }
  | { table: 'conversations'; column: 'contact_id' }
  | { table: 'contacts'; column: 'company_id' }
  | { table: 'deals'; column: 'company_id' };

export async function pointerIds(
  db: Kysely<DB>,
  accountId: number,
  p: Pointer,
  id: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom(p.table)
    .select('id')
    .where('account_id', '=', accountId)
    .where(p.column, '=', id)
    .execute();
  return rows.map((r) => r.id);
}

/** Re-points those rows (by id, still pointing at `fromId`) to `toId`. */
export async function movePointer(
  db: Kysely<DB>,
  accountId: number,
  p: Pointer,
  ids: number[],
  fromId: number,
  toId: number,
): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .updateTable(p.table)
      .set({ [p.column]: toId })
      .where('account_id', '=', accountId)
      .where(p.column, '=', fromId)
      .where('id', 'in', part)
      .execute();
  }
}

/** Tag ids of an entity. */
export async function tagIdsOf(db: Kysely<DB>, accountId: number, type: PartyType, id: number) {
  const rows = await db
    .selectFrom('entity_tags')
    .select('tag_id')
    .where('account_id', '=', accountId)
    .where('entity_type', '=', type)
    .where('entity_id', '=', id)
    .execute();
  return rows.map((r) => r.tag_id);
}
