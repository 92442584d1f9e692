import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { badRequest } from '../../http/problem.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';

/** Registers an OAuth integration; the client secret is returned once and stored hashed. */
export async function createIntegration(
  db: Kysely<DB>,
  input: { accountId: number; userId: number; name: string; redirectUri: string },
): Promise<{ id: number; clientId: string; clientSecret: string }> {
  let url: URL;
  try {
    url = new URL(input.redirectUri);
  } catch {
    throw badRequest([{ code: 'InvalidUrl', path: 'redirect_uri', detail: 'Must be an absolute URL' }]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badRequest([{ code: 'InvalidUrl', path: 'redirect_uri', detail: 'Must be http or https' }]);
  }
  const clientId = randomUUID();
  const clientSecret = randomToken(48);
  const row = await db
    .insertInto('integrations')
    .values({
      account_id: input.accountId,
      name: input.name,
      client_id: clientId,
      client_secret_hash: sha256(clientSecret),
      redirect_uri: input.redirectUri,
      created_by: input.userId,
      created_at: nowSeconds(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, clientId, clientSecret };
}
