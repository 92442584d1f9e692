import { z } from 'zod';
import { channelOf, reachableChannel } from '../../channels/channel.ts';
import { defineAction, PermanentActionError } from '../engine/define-action.ts';

/** A messenger message to the deal's main contact through the first channel that reaches them. */
export default defineAction({
  type: 'send_message',
  external: true,
  usesModel: true,
  input: z.object({
    text: z.string().trim().min(1).max(4000),
    /** A channel kind (e.g. `telegram`); empty: the first that reaches the contact. */
    channel: z.string().max(50).optional(),
  }),
  async execute(input, { ctx, deal, model, render, say }) {
    const contactId = model.raw.contactId;
    if (contactId === null) throw new PermanentActionError('The deal has no contact');
    const channel = input.channel ? channelOf(input.channel) : await reachableChannel(ctx, contactId);
    if (!channel || !(await channel.canReach(ctx, contactId)))
      throw new PermanentActionError('No messenger channel reaches the contact');
    const text = render(input.text);
    const sent = await channel.send(ctx, { dealId: deal.id, contactId, text });
    return {
      summary: say('messageSent', { channel: channel.kind, text }),
      data: { channel: channel.kind, external_id: sent.externalId },
    };
  },
});
