import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { notFound } from '../../http/problem.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { findIntegrationByClientId } from './integrations.repo.ts';

/** amoCRM's authorization codes live 20 minutes and can be exchanged once. */
export const CODE_TTL_SECONDS = 20 * 60;

/**
 * The user grants an integration of their own account access: returns the code and the URL to
 * send the browser to (`redirect_uri?code=...&state=...&referer=...&client_id=...`).
 */
export async function issueAuthorizationCode(
  db: Kysely<DB>,
  input: { accountId: number; userId: number; clientId: string; state: string | undefined; referer: string },
): Promise<{ code: string; redirectTo: string }> {
  const integration = await findIntegrationByClientId(db, input.clientId);
  if (!integration || integration.account_id !== input.accountId) throw notFound('Unknown integration');
  const code = randomToken(32);
  await db
    .insertInto('oauth_codes')
    .values({
      code_hash: sha256(code),
      account_id: input.accountId,
      integration_id: integration.id,
      user_id: input.userId,
      redirect_uri: integration.redirect_uri,
      expires_at: nowSeconds() + CODE_TTL_SECONDS,
    })
    .execute();
  const url = new URL(integration.redirect_uri);
  url.searchParams.set('code', code);
  if (input.state !== undefined) url.searchParams.set('state', input.state);
  url.searchParams.set('referer', input.referer);
  url.searchParams.set('client_id', input.clientId);
  return { code, redirectTo: url.toString() };
}
