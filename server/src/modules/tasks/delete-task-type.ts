import { nowSeconds } from '../../db/schema-helpers.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { softDeleteTaskType } from './task-types.repo.ts';

/**
 * Retires a custom task type: new tasks can no longer use it; existing tasks keep their type id.
 * Built-in types (1, 2) cannot be deleted.
 */
export async function deleteTaskType(ctx: Ctx, id: number): Promise<void> {
  if (!(await softDeleteTaskType(ctx.db, ctx.accountId, id, nowSeconds())))
    throw notFound('Task type not found');
}
