import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { IncomingSource } from '../../db/types-inbox.ts';
import type { InboxAutoAccept, InboxChannel } from '../../db/types-leads.ts';
import type { Ctx } from '../context.ts';
import { refuse } from '../pipelines/errors.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage } from '../pipelines/stages.repo.ts';
import { accountUserIds } from '../users/users.repo.ts';

export const inboxChannels = ['forms', 'sip', 'mail', 'chats', 'api'] as const satisfies InboxChannel[];
export const inboxChannelSchema = z.enum(inboxChannels);

export const autoAcceptBodySchema = z.object({
  /** The stage arrivals go straight into; null turns auto-accept off for the channel. */
  stage_id: z.number().int().positive().nullable(),
  /** The responsible user; absent or null: the pipeline's distribution rule. */
  user_id: z.number().int().positive().nullable().optional(),
});
export type AutoAcceptBody = z.infer<typeof autoAcceptBodySchema>;

const present = (r: InboxAutoAccept) => ({
  pipeline_id: r.pipeline_id,
  channel: r.channel,
  stage_id: r.stage_id,
  user_id: r.user_id,
});

/** Every pipeline's auto-accept rules (channels without one keep their arrivals in the inbox). */
export async function listAutoAccept(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('inbox_auto_accept')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .orderBy('pipeline_id')
    .orderBy('channel')
    .execute();
  return rows.map(present);
}

/**
 * Sets (or with stage null, removes) a pipeline's auto-accept rule for one channel. The stage
 * must be a working stage of that pipeline: not its incoming-leads stage, not won or lost.
 */
export async function saveAutoAccept(
  ctx: Ctx,
  pipelineId: number,
  channel: InboxChannel,
  body: AutoAcceptBody,
) {
  const { db, accountId } = ctx;
  if (!(await findPipeline(db, accountId, pipelineId)))
    throw refuse(`Pipeline ${pipelineId} not found`, 'pipeline_id', 'NotFound');
  if (body.stage_id === null) {
    await db
      .deleteFrom('inbox_auto_accept')
      .where('account_id', '=', accountId)
      .where('pipeline_id', '=', pipelineId)
      .where('channel', '=', channel)
      .execute();
    return { pipeline_id: pipelineId, channel, stage_id: null, user_id: null };
  }
  const stage = await findStage(db, accountId, body.stage_id);
  if (!stage || stage.pipeline_id !== pipelineId)
    throw refuse('Choose a stage of this pipeline', 'stage_id', 'NotFound');
  if (stage.kind !== 'open') throw refuse('Choose a working stage', 'stage_id', 'NotSupportedChoice');
  const userId = body.user_id ?? null;
  if (userId !== null && !(await accountUserIds(db, accountId, [userId])).has(userId))
    throw refuse(`User ${userId} not found`, 'user_id', 'NotFound');
  const row = { stage_id: stage.id, user_id: userId, updated_at: nowSeconds() };
  await db
    .insertInto('inbox_auto_accept')
    .values({ pipeline_id: pipelineId, channel, account_id: accountId, ...row })
    .onConflict((oc) => oc.columns(['pipeline_id', 'channel']).doUpdateSet(row))
    .execute();
  return { pipeline_id: pipelineId, channel, ...row };
}

/**
 * Where an arrival goes without waiting in the inbox, if anywhere: the source's own rule first,
 * then the pipeline's rule for the channel. A rule whose stage was deleted or moved to another
 * pipeline since is ignored (the lead waits in the inbox rather than being lost).
 */
export async function autoAcceptTarget(
  ctx: Ctx,
  pipelineId: number,
  channel: InboxChannel,
  source: IncomingSource,
): Promise<{ stageId: number; userId: number | undefined } | null> {
  const { db, accountId } = ctx;
  const usable = async (stageId: number) => {
    const stage = await findStage(db, accountId, stageId);
    return stage !== undefined && stage.kind !== 'incoming';
  };
  if (source.auto_accept_stage_id !== null && (await usable(source.auto_accept_stage_id)))
    return { stageId: source.auto_accept_stage_id, userId: source.auto_accept_user_id ?? undefined };
  const rule = await db
    .selectFrom('inbox_auto_accept')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (!rule) return null;
  const stage = await findStage(db, accountId, rule.stage_id);
  if (!stage || stage.kind !== 'open' || stage.pipeline_id !== pipelineId) return null;
  return { stageId: stage.id, userId: rule.user_id ?? undefined };
}
