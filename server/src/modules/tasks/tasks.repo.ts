import type { Expression, Kysely, SqlBool } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { EntityType, Task, TasksTable } from '../../db/types-crm.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Range, SortDirection } from '../events/v4-input.ts';

export type TaskFilter = {
  ids?: number[];
  responsibleUserIds?: number[];
  isCompleted?: boolean;
  taskTypeIds?: number[];
  entityType?: EntityType;
  entityIds?: number[];
  updatedAt?: Range;
  /** Open tasks due in [from, to] (the web app's overdue / today / upcoming views). */
  completeTill?: Range;
  /** The tasks the user may see (rights); absent: no restriction. */
  scope?: Expression<SqlBool> | null;
};

export type TaskOrder = {
  field: 'created_at' | 'complete_till' | 'id' | 'updated_at';
  direction: SortDirection;
};

export async function listTasks(
  db: Kysely<DB>,
  accountId: number,
  filter: TaskFilter,
  order: TaskOrder,
  limit: number,
  offset: number,
): Promise<Task[]> {
  let q = db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
  if (filter.scope) q = q.where(filter.scope);
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  if (filter.responsibleUserIds) q = q.where('responsible_user_id', 'in', filter.responsibleUserIds);
  if (filter.isCompleted !== undefined) q = q.where('is_completed', '=', filter.isCompleted ? 1 : 0);
  if (filter.taskTypeIds) q = q.where('task_type_id', 'in', filter.taskTypeIds);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityIds) q = q.where('entity_id', 'in', filter.entityIds);
  if (filter.updatedAt?.from !== undefined) q = q.where('updated_at', '>=', filter.updatedAt.from);
  if (filter.updatedAt?.to !== undefined) q = q.where('updated_at', '<=', filter.updatedAt.to);
  if (filter.completeTill?.from !== undefined) q = q.where('complete_till', '>=', filter.completeTill.from);
  if (filter.completeTill?.to !== undefined) q = q.where('complete_till', '<=', filter.completeTill.to);
  return q
    .orderBy(order.field, order.direction)
    .orderBy('id', order.direction)
    .limit(limit)
    .offset(offset)
    .execute();
}

export const findTasks = (db: Kysely<DB>, accountId: number, ids: number[]): Promise<Task[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('tasks')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();

export async function findTask(db: Kysely<DB>, accountId: number, id: number): Promise<Task | undefined> {
  return (await findTasks(db, accountId, [id]))[0];
}

export const insertTask = (db: Kysely<DB>, row: Insertable<TasksTable>): Promise<Task> =>
  db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();

export const updateTaskRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<TasksTable>,
): Promise<Task> =>
  db
    .updateTable('tasks')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The earliest deadline among an entity's open tasks, or null when it has none. */
export async function nearestOpenDeadline(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  entityId: number,
): Promise<number | null> {
  const row = await nearestOpenDeadlineQuery.first(db, { accountId, entityType, entityId });
  return row?.m === undefined || row.m === null ? null : Number(row.m);
}

/** Exported for its query-plan test. */
export const nearestOpenDeadlineQuery = prepared(
  (db, p: { accountId: number; entityType: EntityType; entityId: number }) =>
    db
      .selectFrom('tasks')
      .select((eb) => eb.fn.min('complete_till').as('m'))
      .where('account_id', '=', p.accountId)
      .where('entity_type', '=', p.entityType)
      .where('entity_id', '=', p.entityId)
      .where('is_completed', '=', 0)
      .where('deleted_at', 'is', null),
);
