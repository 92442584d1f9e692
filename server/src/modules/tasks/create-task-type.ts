import type { TaskTypeInfo } from '@voronka/common';
import { badRequest } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { insertTaskType, listCustomTaskTypes, nameTaken } from './task-types.repo.ts';

export type CreateTaskTypeInput = { name: string; color?: string | null; icon_id?: number | null };

/** Adds a custom task type ("Отправить КП") to the account; names are unique case-insensitively. */
export async function createTaskType(ctx: Ctx, input: CreateTaskTypeInput): Promise<TaskTypeInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, ctx.accountId, input.name)) {
      throw badRequest([{ code: 'NotUnique', path: 'name', detail: 'A task type with this name exists' }]);
    }
    const sort = (await listCustomTaskTypes(trx, ctx.accountId)).length + 1;
    const row = await insertTaskType(trx, {
      account_id: ctx.accountId,
      name: input.name,
      color: input.color ?? null,
      icon_id: input.icon_id ?? null,
      sort,
    });
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
