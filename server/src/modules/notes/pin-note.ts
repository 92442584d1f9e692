import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Note } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { authorizeEntity } from '../policy/guards.ts';
import { updateNoteRow } from './notes.repo.ts';

/** Pins a note to the top of its card's feed, or unpins it (an edit of the note's record). */
export async function setNotePinned(ctx: Ctx, note: Note, pinned: boolean): Promise<Note> {
  await authorizeEntity(ctx, note.entity_type, 'edit', note.entity_id);
  if ((note.is_pinned === 1) === pinned) return note;
  return updateNoteRow(ctx.db, ctx.accountId, note.id, {
    is_pinned: pinned ? 1 : 0,
    updated_at: nowSeconds(),
    updated_by: ctx.userId,
  });
}
