import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB, User } from '../../db/types.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { insertSession } from './sessions.repo.ts';

/** Creates a server-side session; the cookie carries the token, the table only its hash. */
export async function startSession(
  db: Kysely<DB>,
  user: User,
  opts: { days: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = nowSeconds();
  const expiresAt = now + opts.days * 86400;
  await insertSession(db, {
    id: sha256(token),
    account_id: user.account_id,
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
    ip: opts.ip,
    user_agent: opts.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}
