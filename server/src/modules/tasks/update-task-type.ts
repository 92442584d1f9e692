import type { TaskTypeInfo } from '@voronka/common';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { listCustomTaskTypes, updateTaskTypeRow } from './task-types.repo.ts';

export type UpdateTaskTypeInput = { name?: string | undefined; color?: string | null | undefined };

/** Renames or recolours a custom task type; the built-in call and meeting types stay as they are. */
export async function updateTaskType(
  ctx: Ctx,
  id: number,
  input: UpdateTaskTypeInput,
): Promise<TaskTypeInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    if (input.name !== undefined) {
      const lc = input.name.toLowerCase();
      const others = await listCustomTaskTypes(trx, ctx.accountId);
      if (others.some((t) => t.id !== id && t.name.toLowerCase() === lc)) {
        throw badRequest([{ code: 'NotUnique', path: 'name', detail: 'A task type with this name exists' }]);
      }
    }
    const patch: { name?: string; color?: string | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.color !== undefined) patch.color = input.color;
    const row = await updateTaskTypeRow(trx, ctx.accountId, id, patch);
    if (!row) throw notFound('Task type not found');
    return {
      id: row.id,
      name: row.name,
      code: row.code,
      color: row.color,
      icon_id: row.icon_id,
      is_built_in: false,
    };
  });
}
