import type { Expression, Insertable, Kysely, SqlBool, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType, Note, NotesTable } from '../../db/types-crm.ts';
import type { Range, SortDirection } from '../events/v4-input.ts';

export type NoteFilter = {
  ids?: number[];
  entityIds?: number[];
  noteTypes?: string[];
  updatedAt?: Range;
  /** Rights: only notes of records the user may see. */
  scope?: Expression<SqlBool> | null;
};

export async function listNotes(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  filter: NoteFilter,
  order: { field: 'id' | 'updated_at'; direction: SortDirection },
  limit: number,
  offset: number,
): Promise<Note[]> {
  let q = db
    .selectFrom('notes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType);
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  if (filter.entityIds) q = q.where('entity_id', 'in', filter.entityIds);
  if (filter.noteTypes) q = q.where('note_type', 'in', filter.noteTypes);
  if (filter.scope) q = q.where(filter.scope);
  if (filter.updatedAt?.from !== undefined) q = q.where('updated_at', '>=', filter.updatedAt.from);
  if (filter.updatedAt?.to !== undefined) q = q.where('updated_at', '<=', filter.updatedAt.to);
  return q
    .orderBy(order.field, order.direction)
    .orderBy('id', order.direction)
    .limit(limit)
    .offset(offset)
    .execute();
}

export const findNotes = (db: Kysely<DB>, accountId: number, entityType: EntityType, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('notes')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('entity_type', '=', entityType)
        .where('id', 'in', ids)
        .execute();

export async function findNote(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  id: number,
): Promise<Note | undefined> {
  return (await findNotes(db, accountId, entityType, [id]))[0];
}

/** A note of the account whatever its entity (the web app addresses notes by id alone). */
export const findAnyNote = (db: Kysely<DB>, accountId: number, id: number): Promise<Note | undefined> =>
  db
    .selectFrom('notes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertNote = (db: Kysely<DB>, row: Insertable<NotesTable>): Promise<Note> =>
  db.insertInto('notes').values(row).returningAll().executeTakeFirstOrThrow();

export const updateNoteRow = (db: Kysely<DB>, accountId: number, id: number, patch: Updateable<NotesTable>) =>
  db
    .updateTable('notes')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
