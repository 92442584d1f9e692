import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { DealSignalKind } from '@voronka/common';
import type { IncomingCategory, IncomingLead } from '../../db/types-inbox.ts';
import { raiseDealSignal } from '../automation/raise-deal-signal.ts';
import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { updateDeal } from '../deals/update-deal.ts';
import { refuse } from '../pipelines/errors.ts';
import { byBoardOrder, findStage, listStages } from '../pipelines/stages.repo.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { accountUserIds } from '../users/users.repo.ts';
import { decideIncomingLead, findIncomingLead, findSource } from './inbox.repo.ts';
import { distributeAccepted } from './inbox-distribution.ts';

/** The digital pipeline's signal for a lead of each inbox category. */
export const arrivalSignal: Record<IncomingCategory, DealSignalKind> = {
  forms: 'incoming_form',
  sip: 'incoming_call',
  chats: 'incoming_chat',
  mail: 'incoming_email',
};

/** The first open stage of a pipeline in board order (where accepted leads go by default). */
export async function firstOpenStage(db: Kysely<DB>, accountId: number, pipelineId: number) {
  const stages = (await listStages(db, accountId, [pipelineId])).filter((s) => s.kind === 'open');
  return stages.sort(byBoardOrder)[0]?.id ?? null;
}

/** The entry by uid, still waiting for a decision (404 / 400 otherwise). */
export async function pendingEntry(ctx: Ctx, uid: string): Promise<IncomingLead> {
  const entry = await findIncomingLead(ctx.db, ctx.accountId, uid);
  if (!entry) throw notFound(`Incoming lead ${uid} not found`);
  if (entry.status !== 'new')
    throw refuse(`The incoming lead is already ${entry.status}`, 'uid', 'AlreadyDecided');
  return entry;
}

/** The user a decision is recorded for: `user_id` when given (an active user of the account). */
export async function actingUser(ctx: Ctx, userId: number | undefined): Promise<number> {
  if (userId === undefined || userId === 0) return userId ?? ctx.userId;
  const known = await accountUserIds(ctx.db, ctx.accountId, [userId]);
  if (!known.has(userId)) throw refuse(`User ${userId} not found`, 'user_id', 'NotFound');
  return userId;
}

export type AcceptInput = {
  /** Where the deal goes; the pipeline's first open stage when absent. */
  stageId?: number | undefined;
  /** The responsible user; the accepting user (or the source's auto-accept user) when absent. */
  userId?: number | undefined;
  /** Accepted by the source's auto-accept rule or a pipeline without incoming leads. */
  auto?: boolean;
};

/**
 * Accepts an incoming lead: its deal leaves the incoming stage for `stageId` (a stage of any
 * live pipeline except an incoming one), with the responsible user set (by the pipeline's
 * distribution rule unless one is given), through updateDeal so the stage change writes its
 * event and fires its triggers, then raises the arrival's signal (incoming form / call / chat /
 * mail) for the new stage. Only one decision wins.
 */
export function acceptIncomingLead(ctx: Ctx, uid: string, input: AcceptInput): Promise<IncomingLead> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const entry = await pendingEntry(c, uid);
    const decidedBy = input.auto ? 0 : await actingUser(c, undefined);
    // An explicit user (the request's, or the source's auto-accept user) wins; else the
    // pipeline's distribution rule; else whoever accepts.
    const responsible =
      input.userId !== undefined && input.userId > 0
        ? await actingUser(c, input.userId)
        : ((await distributeAccepted(c, entry.pipeline_id)) ?? (c.userId || undefined));
    const stageId = input.stageId ?? (await firstOpenStage(db, accountId, entry.pipeline_id));
    const stage = stageId === null ? undefined : await findStage(db, accountId, stageId);
    if (!stage) throw refuse(`Stage ${stageId ?? ''} not found`, 'status_id', 'NotFound');
    if (stage.kind === 'incoming')
      throw refuse('Choose a stage other than incoming leads', 'status_id', 'NotSupportedChoice');
    if (entry.deal_id === null || !(await findDeal(db, accountId, entry.deal_id)))
      throw refuse('The deal of this incoming lead was deleted', 'uid', 'NotFound');
    await updateDeal(c, entry.deal_id, {
      status_id: stage.id,
      pipeline_id: stage.pipeline_id,
      ...(responsible === undefined ? {} : { responsible_user_id: responsible }),
    });
    // The deal is in its working stage now: that stage's "incoming form / call / chat / mail"
    // triggers fire, as for any other arrival.
    await raiseDealSignal(c, entry.deal_id, arrivalSignal[entry.category]);
    const now = nowSeconds();
    const decided = await decideIncomingLead(db, accountId, entry.id, {
      status: 'accepted',
      decided_by: decidedBy,
      decided_at: now,
      updated_at: now,
      pipeline_id: stage.pipeline_id,
    });
    if (!decided) throw refuse('The incoming lead was decided by someone else', 'uid', 'AlreadyDecided');
    return decided;
  });
}

/** The source of an entry (for the auto-accept user and the inbox list). */
export const sourceOf = (ctx: Ctx, entry: IncomingLead) => findSource(ctx.db, ctx.accountId, entry.source_id);
