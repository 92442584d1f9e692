import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType, Note } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { BatchErrors } from '../events/v4-input.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeEntity, visibleIdsOf } from '../policy/guards.ts';
import { noteTypes, parseNoteParams, type NoteType } from './note-params.ts';
import { findNotes, updateNoteRow } from './notes.repo.ts';
import { noteParams } from './present-note.ts';

export type NotePatch = {
  id: number;
  requestId: string;
  /** When given, the note must belong to this entity. */
  entity_id?: number;
  note_type?: NoteType;
  params?: Record<string, unknown>;
};

const editable = new Set<string>(noteTypes);
const isNoteType = (type: string): type is NoteType => editable.has(type);

/**
 * Edits notes' params (and type) of one entity type (a batch: all or none). The new params are
 * checked against the resulting type; notes are addressed within the entity type (and entity).
 */
export async function updateNotes(ctx: Ctx, entityType: EntityType, patches: NotePatch[]): Promise<Note[]> {
  const errors = new BatchErrors();
  const notes = await findNotes(
    ctx.db,
    ctx.accountId,
    entityType,
    patches.map((p) => p.id),
  );
  // Rights: a note of a record out of the user's sight is answered as a missing one.
  const seen = await visibleIdsOf(
    ctx,
    entityType,
    notes.map((n) => n.entity_id),
  );
  const found = new Map(notes.filter((n) => seen.has(n.entity_id)).map((n) => [n.id, n]));
  const planned: Array<{ note: Note; type: NoteType; params: Record<string, unknown> }> = [];
  for (const p of patches) {
    const note = found.get(p.id);
    if (!note || (p.entity_id !== undefined && note.entity_id !== p.entity_id)) {
      errors.add(p.requestId, { code: 'NotFound', path: 'id', detail: 'Note not found' });
      continue;
    }
    const type = p.note_type ?? note.note_type;
    if (!isNoteType(type)) {
      errors.add(p.requestId, {
        code: 'NotEditable',
        path: 'note_type',
        detail: 'This note type cannot be edited',
      });
      continue;
    }
    const params = parseNoteParams(type, p.params ?? noteParams(note));
    if (!params.ok) {
      for (const issue of params.issues) errors.add(p.requestId, issue);
      continue;
    }
    planned.push({ note, type, params: params.params });
  }
  errors.throwIfAny();
  for (const entityId of new Set(planned.map((p) => p.note.entity_id)))
    await authorizeEntity(ctx, entityType, 'edit', entityId);

  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const updated: Note[] = [];
    for (const { note, type, params } of planned) {
      updated.push(
        await updateNoteRow(tx.db, tx.accountId, note.id, {
          note_type: type,
          params: JSON.stringify(params),
          updated_at: now,
          updated_by: tx.userId,
        }),
      );
    }
    return updated;
  });
}
