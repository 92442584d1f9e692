import type { Kysely } from 'kysely';
import type { Account, DB, User } from '../../db/types.ts';
import { conflict } from '../../http/problem.ts';
import { createUser } from '../users/create-user.ts';
import { countAllUsers } from '../users/users.repo.ts';
import { createAccount } from './create-account.ts';
import { firstAccount, renameAccount } from './accounts.repo.ts';

export type SetupInput = {
  accountName: string;
  name: string;
  email: string;
  password: string;
  locale: 'ru' | 'en';
};

/**
 * First-run setup: creates the account and its administrator, only while no user exists.
 * Runs in one transaction so two concurrent setups cannot both succeed.
 */
export async function setupFirstAccount(
  db: Kysely<DB>,
  input: SetupInput,
): Promise<{ account: Account; user: User }> {
  return db.transaction().execute(async (trx) => {
    if ((await countAllUsers(trx)) > 0) throw conflict('Voronka is already set up: sign in instead');
    const account =
      (await firstAccount(trx)) ??
      (await createAccount(trx, { name: input.accountName, locale: input.locale }));
    const user = await createUser(trx, account.id, {
      name: input.name,
      email: input.email,
      password: input.password,
      lang: input.locale,
      isAdmin: true,
    });
    return { account, user };
  });
}
