import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType, Note } from '../../db/types-crm.ts';
import type { Ctx } from '../context.ts';
import { recordEvents } from '../events/record-event.ts';
import { BatchErrors } from '../events/v4-input.ts';
import { liveEntityIds } from '../links/entity-refs.repo.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { authorizeEntity, visibleIdsOf } from '../policy/guards.ts';
import { accountUserIds } from '../users/users.repo.ts';
import { parseNoteParams, type NoteType } from './note-params.ts';
import { insertNote } from './notes.repo.ts';

export type NewNote = {
  requestId: string;
  entity_id?: number;
  note_type: NoteType;
  params: unknown;
  responsible_user_id?: number;
  created_by?: number;
};

/**
 * Adds notes to deals, contacts or companies (a batch: all or none): params are checked per
 * note type, the entity and the named users must exist in the account. Each note writes
 * 'note.added' on its entity (subtype: the note type), in one transaction.
 */
export async function createNotes(ctx: Ctx, entityType: EntityType, items: NewNote[]): Promise<Note[]> {
  const errors = new BatchErrors();
  const found = await liveEntityIds(
    ctx.db,
    ctx.accountId,
    entityType,
    items.flatMap((i) => (i.entity_id === undefined ? [] : [i.entity_id])),
  );
  // Rights: a record out of the user's sight is answered as a missing one.
  const live = await visibleIdsOf(ctx, entityType, [...found]);
  const users = await accountUserIds(
    ctx.db,
    ctx.accountId,
    items.flatMap((i) => [i.responsible_user_id ?? 0, i.created_by ?? 0]).filter((id) => id > 0),
    false,
  );
  const parsed: Array<Record<string, unknown>> = [];
  for (const item of items) {
    if (item.entity_id === undefined) {
      errors.add(item.requestId, { code: 'NotSupplied', path: 'entity_id', detail: 'entity_id is required' });
    } else if (!live.has(item.entity_id)) {
      errors.add(item.requestId, {
        code: 'NotFound',
        path: 'entity_id',
        detail: `No ${entityType} with this id`,
      });
    }
    for (const key of ['responsible_user_id', 'created_by'] as const) {
      const userId = item[key];
      if (userId !== undefined && userId > 0 && !users.has(userId)) {
        errors.add(item.requestId, {
          code: 'NotFound',
          path: key,
          detail: 'No user with this id in the account',
        });
      }
    }
    const params = parseNoteParams(item.note_type, item.params);
    if (params.ok) parsed.push(params.params);
    else for (const issue of params.issues) errors.add(item.requestId, issue);
  }
  errors.throwIfAny();
  // Rights: a note is a change to its record (404 out of sight, 403 without edit).
  for (const entityId of new Set(items.map((i) => i.entity_id ?? 0)))
    await authorizeEntity(ctx, entityType, 'edit', entityId);

  return withTransaction(ctx, async (tx) => {
    const now = nowSeconds();
    const notes: Note[] = [];
    for (const [i, item] of items.entries()) {
      const author = item.created_by ?? tx.userId;
      notes.push(
        await insertNote(tx.db, {
          account_id: tx.accountId,
          entity_type: entityType,
          entity_id: item.entity_id ?? 0,
          note_type: item.note_type,
          params: JSON.stringify(parsed[i] ?? {}),
          responsible_user_id: item.responsible_user_id ?? (author > 0 ? author : null),
          created_by: author,
          updated_by: author,
          created_at: now,
          updated_at: now,
        }),
      );
    }
    await recordEvents(
      tx.db,
      notes.map((n) => ({
        accountId: tx.accountId,
        type: 'note.added',
        entityType,
        entityId: n.entity_id,
        createdBy: n.created_by,
        subtype: n.note_type,
        after: [{ note: { id: n.id } }],
      })),
      now,
    );
    return notes;
  });
}
