import { z } from 'zod';
import { updateDeal } from '../../deals/update-deal.ts';
import { defineAction } from '../engine/define-action.ts';
import { resolveResponsible, responsibleSchema } from '../engine/distribution.ts';

/** Gives the deal to a user or distributes it (round robin, percentage, least open deals). */
export default defineAction({
  type: 'change_responsible',
  input: z.object({ responsible: responsibleSchema }),
  async execute(input, { ctx, deal, trigger, settings, say }) {
    const user = await resolveResponsible(ctx, input.responsible, {
      dealResponsible: deal.responsible_user_id,
      triggerId: trigger.row.id,
      awayUserIds: settings.away_user_ids,
    });
    if (user !== deal.responsible_user_id) await updateDeal(ctx, deal.id, { responsible_user_id: user });
    const name = await ctx.db.selectFrom('users').select('name').where('id', '=', user).executeTakeFirst();
    return { summary: say('responsible', { name: name?.name ?? user }), data: { assignee: user } };
  },
});
