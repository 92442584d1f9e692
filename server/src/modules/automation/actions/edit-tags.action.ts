import { z } from 'zod';
import { setEntityTags } from '../../tags/entity-tags.ts';
import { defineAction } from '../engine/define-action.ts';

const names = z.array(z.string().trim().min(1).max(255)).max(50).default([]);

/** Adds and / or removes deal tags by name (new names create tags). */
export default defineAction({
  type: 'edit_tags',
  input: z.object({ add: names, remove: names }).refine((v) => v.add.length + v.remove.length > 0, {
    message: 'Name at least one tag to add or remove',
  }),
  async execute(input, { ctx, deal, say }) {
    if (input.add.length)
      await setEntityTags(
        ctx,
        'leads',
        deal.id,
        input.add.map((name) => ({ name })),
        'add',
      );
    if (input.remove.length)
      await setEntityTags(
        ctx,
        'leads',
        deal.id,
        input.remove.map((name) => ({ name })),
        'remove',
      );
    const parts = [
      ...(input.add.length ? [`+${input.add.join(', +')}`] : []),
      ...(input.remove.length ? [`−${input.remove.join(', −')}`] : []),
    ];
    return { summary: say('tags', { changes: parts.join(' ') }) };
  },
});
