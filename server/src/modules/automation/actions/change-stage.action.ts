import { z } from 'zod';
import { updateDeal } from '../../deals/update-deal.ts';
import { findStage } from '../../pipelines/stages.repo.ts';
import { toStatusId } from '../../pipelines/status-ids.ts';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';

/** Moves the deal to a stage of any pipeline (required fields are not enforced for the robot). */
export default defineAction({
  type: 'change_stage',
  input: z.object({ stage_id: z.number().int().positive() }),
  async execute(input, { ctx, deal, say }) {
    const stage = await findStage(ctx.db, ctx.accountId, input.stage_id);
    if (!stage) throw new PermanentActionError(`Stage ${input.stage_id} no longer exists`);
    if (stage.id === deal.stage_id) return { summary: say('alreadyInStage', { stage: stage.name }) };
    await updateDeal(ctx, deal.id, { status_id: toStatusId(stage), pipeline_id: stage.pipeline_id });
    return { summary: say('movedToStage', { stage: stage.name }), data: { stage_id: stage.id } };
  },
});
