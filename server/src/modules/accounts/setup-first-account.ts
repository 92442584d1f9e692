import type { Kysely } from 'kysely';
import { LOCKS, lockForTransaction } from '../../db/locks.ts';
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
    await lockForTransaction(trx, LOCKS.setup);
    if ((await countAllUsers(trx)) > 0) throw conflict('Voronka is already set up: sign in instead');
    const existing = await firstAccount(trx);
    // The account made on first start takes the name and language chosen at setup.
    const account = existing
      ? await renameAccount(trx, existing.id, input.accountName, input.locale)
      : await createAccount(trx, { name: input.accountName, locale: input.locale });
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
