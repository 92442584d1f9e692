import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Task, TasksTable } from '../../db/types-crm.ts';
import type { Updateable } from 'kysely';
import type { Ctx } from '../context.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { recordEvents, type EventInput } from '../events/record-event.ts';
import { BatchErrors } from '../events/v4-input.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { refreshClosestTaskAt, type EntityRef } from './closest-task.ts';
import { findTasks, updateTaskRow } from './tasks.repo.ts';
import { validateTaskRefs } from './validate-task-refs.ts';

export type TaskPatch = {
  id: number;
  requestId: string;
  text?: string;
  complete_till?: number;
  task_type_id?: number;
  responsible_user_id?: number;
  entity_type?: 'leads' | 'contacts' | 'companies';
  entity_id?: number;
  duration?: number;
  /** true completes the task (with `result.text`), false reopens it. */
  is_completed?: boolean;
  result?: { text?: string };
};

type Change = { patch: Updateable<TasksTable>; events: Array<Omit<EventInput, 'accountId' | 'createdBy'>> };

/** What a patch changes, as a row update and the events that tell it (amoCRM's value shapes). */
function diff(task: Task, p: TaskPatch, now: number): Change {
  const patch: Updateable<TasksTable> = {};
  const events: Change['events'] = [];
  const changed = (subtype: string, before: unknown, after: unknown) =>
    events.push({
      type: 'task.changed',
      entityType: 'tasks',
      entityId: task.id,
      subtype,
      before: [before],
      after: [after],
    });

  if (p.text !== undefined && p.text !== task.text) {
    patch.text = p.text;
    changed('text', { task: { text: task.text } }, { task: { text: p.text } });
  }
  if (p.complete_till !== undefined && p.complete_till !== task.complete_till) {
    patch.complete_till = p.complete_till;
    changed(
      'complete_till',
      { task_deadline: { timestamp: task.complete_till } },
      { task_deadline: { timestamp: p.complete_till } },
    );
  }
  if (p.task_type_id !== undefined && p.task_type_id !== task.task_type_id) {
    patch.task_type_id = p.task_type_id;
    changed('task_type_id', { task_type: { id: task.task_type_id } }, { task_type: { id: p.task_type_id } });
  }
  if (p.duration !== undefined && p.duration !== task.duration) {
    patch.duration = p.duration;
    changed('duration', { task: { duration: task.duration } }, { task: { duration: p.duration } });
  }
  if (
    p.entity_type &&
    p.entity_id &&
    (p.entity_type !== task.entity_type || p.entity_id !== task.entity_id)
  ) {
    patch.entity_type = p.entity_type;
    patch.entity_id = p.entity_id;
    const link = (type: string | null, id: number | null) =>
      type && id ? [{ link: { entity: { type, id } } }] : [];
    events.push({
      type: 'task.changed',
      entityType: 'tasks',
      entityId: task.id,
      subtype: 'entity',
      before: link(task.entity_type, task.entity_id),
      after: link(p.entity_type, p.entity_id),
    });
  }
  if (p.responsible_user_id !== undefined && p.responsible_user_id !== task.responsible_user_id) {
    patch.responsible_user_id = p.responsible_user_id;
    events.push({
      type: 'entity.responsible_changed',
      entityType: 'tasks',
      entityId: task.id,
      before: [{ responsible_user: { id: task.responsible_user_id } }],
      after: [{ responsible_user: { id: p.responsible_user_id } }],
    });
  }
  const resultText = p.result?.text === undefined || p.result.text === '' ? undefined : p.result.text;
  if (p.is_completed === true && task.is_completed === 0) {
    Object.assign(patch, { is_completed: 1, completed_at: now, result_text: resultText ?? null });
    events.push({ type: 'task.completed', entityType: 'tasks', entityId: task.id });
  } else if (p.is_completed === false && task.is_completed === 1) {
    Object.assign(patch, { is_completed: 0, completed_at: null, result_text: null });
    changed('is_completed', { task: { is_completed: true } }, { task: { is_completed: false } });
  } else if (resultText !== undefined && task.is_completed === 1 && resultText !== task.result_text) {
    patch.result_text = resultText;
    changed('result', { task: { result: task.result_text } }, { task: { result: resultText } });
  }
  return { patch, events };
}

/**
 * Edits tasks (a batch: all or none): text, deadline, type, responsible, linked entity, and
 * completion with a result. Each change writes its event, and the closest_task_at of the old and
 * new entity follow, in one transaction.
 */
export async function updateTasks(ctx: Ctx, patches: TaskPatch[]): Promise<Task[]> {
  const errors = new BatchErrors();
  const found = new Map(
    (
      await findTasks(
        ctx.db,
        ctx.accountId,
        patches.map((p) => p.id),
      )
    ).map((t) => [t.id, t]),
  );
  const seen = new Set<number>();
  for (const p of patches) {
    if (!found.has(p.id)) errors.add(p.requestId, { code: 'NotFound', path: 'id', detail: 'Task not found' });
    if (seen.has(p.id))
      errors.add(p.requestId, { code: 'NotUnique', path: 'id', detail: 'Task named twice' });
    seen.add(p.id);
  }
  await validateTaskRefs(
    ctx.db,
    ctx.accountId,
    patches.map((p) => ({
      requestId: p.requestId,
      responsibleUserId: p.responsible_user_id,
      taskTypeId: p.task_type_id,
      entity: p.entity_type && p.entity_id ? { type: p.entity_type, id: p.entity_id } : undefined,
    })),
    errors,
  );
  errors.throwIfAny();
  for (const p of patches) {
    const task = found.get(p.id);
    if (task) await authorizeRecord(ctx, 'tasks', 'edit', task);
  }

  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const updated: Task[] = [];
    const events: EventInput[] = [];
    const touched: EntityRef[] = [];
    for (const p of patches) {
      const task = found.get(p.id);
      if (!task) continue;
      const { patch, events: changes } = diff(task, p, now);
      const row = await updateTaskRow(tx.db, tx.accountId, task.id, {
        ...patch,
        updated_at: now,
        updated_by: tx.userId,
      });
      updated.push(row);
      events.push(...changes.map((e) => ({ ...e, accountId: tx.accountId, createdBy: tx.userId })));
      for (const t of [task, row])
        if (t.entity_type && t.entity_id) touched.push({ type: t.entity_type, id: t.entity_id });
    }
    await recordEvents(tx.db, events, now);
    await refreshClosestTaskAt(tx.db, tx.accountId, touched);
    return updated;
  });
}
