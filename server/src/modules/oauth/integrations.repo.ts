import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export const findIntegrationByClientId = (db: Kysely<DB>, clientId: string) =>
  db
    .selectFrom('integrations')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const listIntegrations = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('integrations')
    .select(['id', 'name', 'client_id', 'redirect_uri', 'created_at', 'created_by', 'revoked_at'])
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();

/**
 * Marks a single-use credential (authorization code or refresh token) used. Atomic: of two
 * concurrent exchanges of the same credential only one sees `true`.
 */
export async function consumeCode(db: Kysely<DB>, codeHash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('oauth_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function consumeRefreshToken(db: Kysely<DB>, tokenHash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('oauth_refresh_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
