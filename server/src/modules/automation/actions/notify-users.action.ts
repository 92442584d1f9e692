import { z } from 'zod';
import { notifyUser } from '../../notifications/notify-user.ts';
import { defineAction } from '../engine/define-action.ts';

/** A notification in the app's bell for the deal's responsible and / or chosen users. */
export default defineAction({
  type: 'notify_users',
  input: z.object({
    title: z.string().trim().min(1).max(500),
    text: z.string().max(5000).default(''),
    to_responsible: z.boolean().default(true),
    user_ids: z.array(z.number().int().positive()).max(200).default([]),
  }),
  async execute(input, { ctx, deal, render, say }) {
    const users = [...input.user_ids];
    if (input.to_responsible && deal.responsible_user_id !== null) users.push(deal.responsible_user_id);
    const rows = await notifyUser(ctx, {
      userIds: users,
      kind: 'automation',
      title: render(input.title),
      body: render(input.text),
      link: `/deals/${deal.id}`,
      entity: { type: 'leads', id: deal.id },
    });
    return {
      summary: say('usersNotified', { count: rows.length }),
      data: { user_ids: rows.map((r) => r.user_id) },
    };
  },
});
