import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { ProblemError } from '../../http/problem.ts';
import { randomToken, safeEqual, sha256, signJwt } from '../../lib/crypto.ts';
import { consumeCode, consumeRefreshToken, findIntegrationByClientId } from './integrations.repo.ts';

export const ACCESS_TOKEN_TTL = 86400;
export const REFRESH_TOKEN_TTL = 90 * 86400;

export const tokenRequestSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  grant_type: z.enum(['authorization_code', 'refresh_token']),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
  redirect_uri: z.string().optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export type TokenResponse = {
  token_type: 'Bearer';
  expires_in: number;
  access_token: string;
  refresh_token: string;
};

const invalidGrant = (detail: string) =>
  new ProblemError(400, 'Bad Request', detail, { hint: 'invalid_grant' });

/**
 * POST /oauth2/access_token: exchanges an authorization code or a refresh token for a new
 * access token and a new refresh token. Refresh tokens rotate: each is accepted once.
 */
export async function exchangeToken(
  db: Kysely<DB>,
  secret: string,
  req: TokenRequest,
): Promise<TokenResponse> {
  const integration = await findIntegrationByClientId(db, req.client_id);
  if (!integration || !safeEqual(integration.client_secret_hash, sha256(req.client_secret))) {
    throw new ProblemError(401, 'Unauthorized', 'Client authentication failed', { hint: 'invalid_client' });
  }
  const now = nowSeconds();
  const refreshToken = randomToken(48);
  // Consuming the old credential and storing the new refresh token commit together.
  const grant = await db.transaction().execute(async (trx) => {
    const g = await redeemGrant(trx, integration.id, req, now);
    await trx
      .insertInto('oauth_refresh_tokens')
      .values({
        token_hash: sha256(refreshToken),
        account_id: g.accountId,
        integration_id: integration.id,
        user_id: g.userId,
        created_at: now,
        expires_at: now + REFRESH_TOKEN_TTL,
      })
      .execute();
    return g;
  });
  const accessToken = signJwt(
    {
      jti: randomToken(16),
      iat: now,
      exp: now + ACCESS_TOKEN_TTL,
      sub: String(grant.userId),
      account_id: grant.accountId,
      client_uuid: integration.client_id,
      kind: 'oauth',
    },
    secret,
  );
  return {
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL,
    access_token: accessToken,
    refresh_token: refreshToken,
  };
}

async function redeemGrant(
  trx: Kysely<DB>,
  integrationId: number,
  req: TokenRequest,
  now: number,
): Promise<{ accountId: number; userId: number }> {
  if (req.grant_type === 'authorization_code') {
    if (!req.code) throw invalidGrant('code is required');
    const row = await trx
      .selectFrom('oauth_codes')
      .selectAll()
      .where('code_hash', '=', sha256(req.code))
      .executeTakeFirst();
    if (!row || row.integration_id !== integrationId) throw invalidGrant('Authorization code is invalid');
    if (req.redirect_uri && req.redirect_uri !== row.redirect_uri)
      throw invalidGrant('redirect_uri mismatch');
    if (!(await consumeCode(trx, row.code_hash, now))) {
      throw invalidGrant('Authorization code has expired or was already used');
    }
    return { accountId: row.account_id, userId: row.user_id };
  }
  if (!req.refresh_token) throw invalidGrant('refresh_token is required');
  const row = await trx
    .selectFrom('oauth_refresh_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(req.refresh_token))
    .executeTakeFirst();
  if (!row || row.integration_id !== integrationId) throw invalidGrant('Refresh token is invalid');
  if (!(await consumeRefreshToken(trx, row.token_hash, now))) {
    throw invalidGrant('Refresh token has expired or was already used');
  }
  return { accountId: row.account_id, userId: row.user_id };
}
