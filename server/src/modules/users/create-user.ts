import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB, User } from '../../db/types.ts';
import { msg } from '../../http/messages.ts';
import { badRequest, fieldError } from '../../http/problem.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { findUserByEmail } from './users.repo.ts';
import { insertUser } from './users.repo.ts';

export type CreateUserInput = {
  name: string;
  email: string;
  password: string;
  lang: 'ru' | 'en';
  isAdmin: boolean;
  groupId?: number | null;
  roleId?: number | null;
};

export const MIN_PASSWORD_LENGTH = 8;

/** Creates a user in the account; the e-mail must be unused in the whole installation. */
export async function createUser(db: Kysely<DB>, accountId: number, input: CreateUserInput): Promise<User> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest([
      fieldError('TooShort', 'password', msg('user.password_short', { min: MIN_PASSWORD_LENGTH })),
    ]);
  }
  if (await findUserByEmail(db, input.email)) {
    throw badRequest([fieldError('NotUnique', 'email', msg('user.email_taken'))]);
  }
  const now = nowSeconds();
  return insertUser(db, {
    account_id: accountId,
    name: input.name.trim(),
    email: input.email,
    password_hash: await hashPassword(input.password),
    lang: input.lang,
    is_active: 1,
    is_admin: input.isAdmin ? 1 : 0,
    group_id: input.groupId ?? null,
    role_id: input.roleId ?? null,
    created_at: now,
    updated_at: now,
  });
}
