import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export async function insertApiToken(
  db: Kysely<DB>,
  row: {
    account_id: number;
    user_id: number;
    name: string;
    token_hash: string;
    created_at: number;
    expires_at: number;
  },
): Promise<number> {
  const r = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The token's owner if the token is known, unrevoked and unexpired. */
export async function findLiveApiToken(db: Kysely<DB>, tokenHash: string, now: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export const listApiTokens = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();

export async function revokeApiToken(db: Kysely<DB>, accountId: number, id: number, now: number) {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markApiTokenUsed(db: Kysely<DB>, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
