import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Task } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents } from '../events/record-event.ts';
import { BatchErrors } from '../events/v4-input.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { refreshClosestTaskAt } from './closest-task.ts';
import { insertTask } from './tasks.repo.ts';
import { validateTaskRefs } from './validate-task-refs.ts';

export type NewTask = {
  text: string;
  complete_till: number;
  task_type_id?: number;
  responsible_user_id?: number;
  entity_type?: 'leads' | 'contacts' | 'companies';
  entity_id?: number;
  duration?: number;
};

/** Built-in type 1, "Follow-up", as in amoCRM. */
const DEFAULT_TASK_TYPE_ID = 1;

/**
 * Creates tasks (a batch: all or none). The responsible user defaults to the author; each task
 * writes 'task.added' and moves its entity's closest_task_at, in one transaction.
 */
export async function createTasks(ctx: Ctx, items: Array<NewTask & { requestId: string }>): Promise<Task[]> {
  const errors = new BatchErrors();
  for (const item of items) {
    if (item.responsible_user_id === undefined && ctx.userId === 0) {
      errors.add(item.requestId, {
        code: 'NotSupplied',
        path: 'responsible_user_id',
        detail: 'A task made by the robot needs a responsible user',
      });
    }
  }
  await validateTaskRefs(
    ctx.db,
    ctx.accountId,
    items.map((i) => ({
      requestId: i.requestId,
      responsibleUserId: i.responsible_user_id ?? ctx.userId,
      taskTypeId: i.task_type_id ?? DEFAULT_TASK_TYPE_ID,
      entity: i.entity_type && i.entity_id ? { type: i.entity_type, id: i.entity_id } : undefined,
    })),
    errors,
  );
  errors.throwIfAny();
  for (const item of items)
    await authorizeRecord(ctx, 'tasks', 'add', {
      id: 0,
      responsible_user_id: item.responsible_user_id ?? ctx.userId,
    });

  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const tasks: Task[] = [];
    for (const item of items) {
      tasks.push(
        await insertTask(tx.db, {
          account_id: tx.accountId,
          text: item.text,
          complete_till: item.complete_till,
          task_type_id: item.task_type_id ?? DEFAULT_TASK_TYPE_ID,
          duration: item.duration ?? 0,
          responsible_user_id: item.responsible_user_id ?? tx.userId,
          entity_type: item.entity_type ?? null,
          entity_id: item.entity_id ?? null,
          created_by: tx.userId,
          updated_by: tx.userId,
          created_at: now,
          updated_at: now,
          result_text: null,
          completed_at: null,
          deleted_at: null,
        }),
      );
    }
    await recordEvents(
      tx.db,
      tasks.map((t) => ({
        accountId: tx.accountId,
        type: 'task.added',
        entityType: 'tasks',
        entityId: t.id,
        createdBy: tx.userId,
      })),
      now,
    );
    await refreshClosestTaskAt(
      tx.db,
      tx.accountId,
      tasks.flatMap((t) => (t.entity_type && t.entity_id ? [{ type: t.entity_type, id: t.entity_id }] : [])),
    );
    return tasks;
  });
}
