import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { WebForm, WebFormsTable } from '../../db/types-inbox.ts';

export const insertForm = (db: Kysely<DB>, row: Insertable<WebFormsTable>): Promise<WebForm> =>
  db.insertInto('web_forms').values(row).returningAll().executeTakeFirstOrThrow();

export const updateFormRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<WebFormsTable>,
) =>
  db
    .updateTable('web_forms')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export const findForm = (db: Kysely<DB>, accountId: number, id: number) =>
  db
    .selectFrom('web_forms')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** A live form by its public key, whatever the account (the public page knows only the key). */
export const findFormByUid = (db: Kysely<DB>, uid: string) =>
  db
    .selectFrom('web_forms')
    .selectAll()
    .where('uid', '=', uid)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const listForms = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('web_forms')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();

/**
 * Counts a hit for `key` in a fixed window and returns the count including it: one atomic upsert,
 * so concurrent posts from one IP (on any app node sharing the database) are all counted.
 */
export async function countHit(
  db: Kysely<DB>,
  key: string,
  now: number,
  windowSeconds: number,
): Promise<number> {
  const windowStart = now - (now % windowSeconds);
  const row = await db
    .insertInto('form_throttle')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('form_throttle.window_start', '=', windowStart)
          .then(eb('form_throttle.hits', '+', 1))
          .else(1)
          .end(),
        window_start: windowStart,
      })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}
