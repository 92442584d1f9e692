import type { User } from '../../db/types.ts';
import { msg } from '../../http/messages.ts';
import { forbidden } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';

/** Pipelines, stages and loss reasons shape everyone's board: administrators change them. */
export const canManagePipelines = (user: User | null): boolean => user?.is_admin === 1;

export function assertCanManagePipelines(ctx: Ctx): void {
  if (!canManagePipelines(ctx.user)) throw forbidden(msg('pipeline.admin_only'));
}
