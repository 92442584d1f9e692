import {
  positionBetween,
  renumberedPositions,
  type MoveDealInput,
  type MoveDealResult,
} from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, fieldError, notFound, type FieldError } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { findPipeline } from '../pipelines/pipelines.repo.ts';
import { findStage } from '../pipelines/stages.repo.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeDealMove, mayView } from '../policy/guards.ts';
import { dealCan } from '../policy/permissions.ts';
import { enforceDealRules } from '../process/enforce-deal-rules.ts';
import { policyOf } from '../policy/policy.ts';
import { neighbourCard, renumberStage, type Cursor } from './board.repo.ts';
import { checkLossReason, stageChangePatch, stageEventValue } from './deal-stage.ts';
import { findDeal, updateDealRow, type DealRow } from './deals.repo.ts';
import { presentCards } from './present-board.ts';

/** A position between the card's new neighbours, or null when their gap has run out. */
async function placeBetween(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
  movingId: number,
  anchor: { card: Cursor; side: 'after' | 'before' } | null,
): Promise<number | null> {
  if (!anchor) {
    const top = await neighbourCard(db, accountId, stageId, null, 'below', movingId);
    return positionBetween(null, top?.position ?? null);
  }
  if (anchor.side === 'after') {
    const next = await neighbourCard(db, accountId, stageId, anchor.card, 'below', movingId);
    return positionBetween(anchor.card.position, next?.position ?? null);
  }
  const prev = await neighbourCard(db, accountId, stageId, anchor.card, 'above', movingId);
  return positionBetween(prev?.position ?? null, anchor.card.position);
}

/**
 * Drops a card on the board: into `stage_id`, below `after_id` or above `before_id` (else on top).
 * Writes one row with a position between the neighbours, renumbering the stage only when their gap
 * has run out. A change of stage closes / reopens the deal and writes `deal.stage_changed`.
 */
export function moveDeal(ctx: Ctx, dealId: number, input: MoveDealInput): Promise<MoveDealResult> {
  return withTransaction(ctx, async (c) => {
    const { db, accountId } = c;
    const deal = await findDeal(db, accountId, dealId);
    if (!deal) throw notFound(msg('deal.not_found', { id: dealId }));
    await authorizeDealMove(c, deal, input.stage_id);
    const errors: FieldError[] = [];
    const stage = await findStage(db, accountId, input.stage_id);
    if (!stage)
      errors.push(fieldError('NotFound', 'stage_id', msg('stage.id_not_found', { id: input.stage_id })));
    else if (
      stage.pipeline_id !== deal.pipeline_id &&
      (await findPipeline(db, accountId, stage.pipeline_id))?.is_archive
    ) {
      errors.push(fieldError('NotSupportedChoice', 'stage_id', msg('pipeline.archived')));
    }
    const anchorId = input.after_id ?? input.before_id;
    const anchorPath = input.after_id !== undefined ? 'after_id' : 'before_id';
    const found = anchorId === undefined ? undefined : await findDeal(db, accountId, anchorId);
    // A card the user cannot see is no anchor: its existence must not leak.
    const anchorDeal = found && (await mayView(c, 'leads', found)) ? found : undefined;
    if (
      anchorId !== undefined &&
      (!anchorDeal || anchorDeal.stage_id !== input.stage_id || anchorId === dealId)
    ) {
      errors.push(fieldError('NotFound', anchorPath, msg('deal.bad_anchor', { id: anchorId })));
    }
    await checkLossReason(c, input.loss_reason_id, errors);
    if (errors.length > 0 || !stage) throw badRequest(errors);

    const anchor = anchorDeal
      ? {
          card: { position: anchorDeal.position, id: anchorDeal.id },
          side: input.after_id ? ('after' as const) : ('before' as const),
        }
      : null;
    let position = await placeBetween(db, accountId, stage.id, dealId, anchor);
    let renumbered = false;
    if (position === null) {
      await renumberStage(db, accountId, stage.id, renumberedPositions);
      renumbered = true;
      const fresh = anchorDeal ? await findDeal(db, accountId, anchorDeal.id) : undefined;
      const card = fresh
        ? { card: { position: fresh.position, id: fresh.id }, side: anchor?.side ?? 'after' }
        : null;
      position = (await placeBetween(db, accountId, stage.id, dealId, card)) ?? 0;
    }
    let updated: DealRow;
    if (stage.id === deal.stage_id) {
      updated = { ...(await updateDealRow(db, accountId, dealId, { position })), stage_kind: stage.kind };
    } else {
      const now = nowSeconds();
      const patch = stageChangePatch(deal, stage, { lossReasonId: input.loss_reason_id, position, now });
      const row = await updateDealRow(db, accountId, dealId, {
        ...patch,
        updated_at: now,
        updated_by: c.userId,
      });
      updated = { ...row, stage_kind: stage.kind };
      await recordEvents(db, [
        {
          accountId,
          type: 'deal.stage_changed',
          entityType: 'leads',
          entityId: dealId,
          createdBy: c.userId,
          before: [
            stageEventValue({ id: deal.stage_id, kind: deal.stage_kind, pipeline_id: deal.pipeline_id }),
          ],
          after: [stageEventValue(stage)],
        },
      ]);
    }
    const entered = stage.id !== deal.stage_id;
    await enforceDealRules(c, dealId, {
      enteredStageId: entered ? stage.id : null,
      becameLost: entered && stage.kind === 'lost',
    });
    const [card] = await presentCards(db, accountId, [updated]);
    if (!card) throw new Error('moved deal vanished');
    return { deal: { ...card, can: dealCan(await policyOf(c), updated) }, renumbered };
  });
}
