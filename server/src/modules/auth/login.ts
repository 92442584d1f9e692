import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB, User } from '../../db/types.ts';
import { msg } from '../../http/messages.ts';
import { problem, unauthorized } from '../../http/problem.ts';
import { dummyHash, verifyPassword } from '../../lib/passwords.ts';
import { findUserByEmail, normaliseEmail } from '../users/users.repo.ts';
import { clearFailures, lockedFor, recordFailure, type ThrottlePolicy } from './login-throttle.ts';

const lockedError = (seconds: number) =>
  problem(429, 'Too Many Requests', msg('auth.locked', { minutes: Math.ceil(seconds / 60) }), {
    retry_after: seconds,
  });

/**
 * Checks e-mail and password with lockout: after `maxFailures` wrong passwords for one e-mail
 * (or four times that from one IP) sign-in is refused until the lock expires.
 */
export async function verifyLogin(
  db: Kysely<DB>,
  policy: ThrottlePolicy,
  input: { email: string; password: string; ip: string },
): Promise<User> {
  const now = nowSeconds();
  const emailKey = `email:${normaliseEmail(input.email)}`;
  const ipKey = `ip:${input.ip}`;
  const ipPolicy = { ...policy, maxFailures: policy.maxFailures * 4 };
  const lock = Math.max(await lockedFor(db, emailKey, now), await lockedFor(db, ipKey, now));
  if (lock > 0) throw lockedError(lock);

  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok || user.is_active !== 1) {
    const locked = Math.max(
      await recordFailure(db, emailKey, now, policy),
      await recordFailure(db, ipKey, now, ipPolicy),
    );
    if (locked > 0) throw lockedError(locked);
    throw unauthorized({ key: 'auth.wrong_password' });
  }
  await clearFailures(db, emailKey);
  return user;
}
