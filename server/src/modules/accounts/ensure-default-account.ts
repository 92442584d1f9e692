import type { Kysely } from 'kysely';
import type { Account, DB } from '../../db/types.ts';
import { firstAccount } from './accounts.repo.ts';
import { createAccount } from './create-account.ts';

/** On first start the installation gets its account; setup later names it. */
export async function ensureDefaultAccount(db: Kysely<DB>): Promise<Account> {
  return (await firstAccount(db)) ?? createAccount(db, { name: 'Voronka', locale: 'ru' });
}
