import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { badRequest } from '../../http/problem.ts';
import { randomToken, sha256, signJwt } from '../../lib/crypto.ts';
import { insertApiToken } from './api-tokens.repo.ts';

export const MAX_TOKEN_DAYS = 5 * 365;

/**
 * A long-lived token (amoCRM's "long-lived access token"): a JWT so clients that decode `exp`
 * keep working, stored only as its hash so it can be revoked. The token is shown once.
 */
export async function createApiToken(
  db: Kysely<DB>,
  secret: string,
  input: { accountId: number; userId: number; name: string; days: number },
): Promise<{ id: number; token: string; expiresAt: number }> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS) {
    throw badRequest([{ code: 'OutOfRange', path: 'days', detail: `From 1 to ${MAX_TOKEN_DAYS} days` }]);
  }
  const now = nowSeconds();
  const expiresAt = now + input.days * 86400;
  const token = signJwt(
    {
      jti: randomToken(16),
      iat: now,
      exp: expiresAt,
      sub: String(input.userId),
      account_id: input.accountId,
      kind: 'long_lived',
    },
    secret,
  );
  const id = await insertApiToken(db, {
    account_id: input.accountId,
    user_id: input.userId,
    name: input.name,
    token_hash: sha256(token),
    created_at: now,
    expires_at: expiresAt,
  });
  return { id, token, expiresAt };
}
