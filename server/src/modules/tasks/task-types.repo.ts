import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { TaskType } from '../../db/types-crm.ts';

export const listCustomTaskTypes = (db: Kysely<DB>, accountId: number): Promise<TaskType[]> =>
  db
    .selectFrom('task_types')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();

/** The live custom task types among `ids`. */
export async function liveCustomTaskTypeIds(
  db: Kysely<DB>,
  accountId: number,
  ids: number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('task_types')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function nameTaken(db: Kysely<DB>, accountId: number, name: string): Promise<boolean> {
  const types = await listCustomTaskTypes(db, accountId);
  const lc = name.toLowerCase();
  return types.some((t) => t.name.toLowerCase() === lc);
}

export const insertTaskType = (
  db: Kysely<DB>,
  row: { account_id: number; name: string; color: string | null; icon_id: number | null; sort: number },
): Promise<TaskType> => db.insertInto('task_types').values(row).returningAll().executeTakeFirstOrThrow();

export async function softDeleteTaskType(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('task_types')
    .set({ deleted_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const updateTaskTypeRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: { name?: string; color?: string | null },
): Promise<TaskType | undefined> =>
  db
    .updateTable('task_types')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
