import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingSource } from '../../db/types-inbox.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { refuse } from '../pipelines/errors.ts';
import { findStage } from '../pipelines/stages.repo.ts';
import { accountUserIds } from '../users/users.repo.ts';
import { findSource, updateSourceRow } from './inbox.repo.ts';

/** Turns a source's auto-accept on (into a stage, optionally for a user) or off (stage null). */
export async function updateSource(
  ctx: Ctx,
  id: number,
  input: { auto_accept_stage_id: number | null; auto_accept_user_id?: number | null | undefined },
): Promise<IncomingSource> {
  const { db, accountId } = ctx;
  if (!(await findSource(db, accountId, id))) throw notFound(`Source ${id} not found`);
  if (input.auto_accept_stage_id !== null) {
    const stage = await findStage(db, accountId, input.auto_accept_stage_id);
    if (!stage) throw refuse('Stage not found', 'auto_accept_stage_id', 'NotFound');
    if (stage.kind === 'incoming')
      throw refuse('Choose a stage other than incoming leads', 'auto_accept_stage_id', 'NotSupportedChoice');
  }
  const userId = input.auto_accept_user_id ?? null;
  if (userId !== null && !(await accountUserIds(db, accountId, [userId])).has(userId))
    throw refuse('User not found', 'auto_accept_user_id', 'NotFound');
  const updated = await updateSourceRow(db, accountId, id, {
    auto_accept_stage_id: input.auto_accept_stage_id,
    auto_accept_user_id: input.auto_accept_stage_id === null ? null : userId,
    updated_at: nowSeconds(),
  });
  if (!updated) throw notFound(`Source ${id} not found`);
  return updated;
}
