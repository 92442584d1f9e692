import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Mailbox, MailboxesTable } from '../../db/types-email.ts';

/** The mailboxes a user may see and send from: the shared ones and their own (admins: all). */
export function listMailboxes(db: Kysely<DB>, accountId: number, viewer: { id: number; admin: boolean }) {
  let q = db.selectFrom('mailboxes').selectAll().where('account_id', '=', accountId);
  if (!viewer.admin) q = q.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', viewer.id)]));
  return q.orderBy('id').execute();
}

export function findMailbox(db: Kysely<DB>, accountId: number, id: number): Promise<Mailbox | undefined> {
  return db
    .selectFrom('mailboxes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** For the sync job, which knows only the id. */
export function findMailboxById(db: Kysely<DB>, id: number): Promise<Mailbox | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function activeMailboxIds(db: Kysely<DB>) {
  return db.selectFrom('mailboxes').select(['id', 'account_id']).where('is_active', '=', 1).execute();
}

export async function insertMailbox(db: Kysely<DB>, row: Insertable<MailboxesTable>): Promise<Mailbox> {
  return db.insertInto('mailboxes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateMailboxRow(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<MailboxesTable>,
): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteMailboxRow(db: Kysely<DB>, accountId: number, id: number): Promise<number> {
  const r = await db
    .deleteFrom('mailboxes')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Moves the sync position forward only (two overlapping syncs can finish in any order), in the
 * transaction that stored the mail, so a restart resumes after the last mail kept.
 */
export async function advanceLastUid(db: Kysely<DB>, id: number, uidValidity: string, uid: number) {
  await db
    .updateTable('mailboxes')
    .set({ last_uid: uid, uid_validity: uidValidity })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_uid', '<', uid),
        eb('uid_validity', 'is', null),
        eb('uid_validity', '!=', uidValidity),
      ]),
    )
    .execute();
}
