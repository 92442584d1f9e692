import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Account, DB } from '../../db/types.ts';
import { insertAccount, subdomainTaken } from './accounts.repo.ts';

export type CreateAccountInput = {
  name: string;
  locale: 'ru' | 'en';
  currency?: string;
  timezone?: string;
  country?: string;
};

const translit: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:ts ч:ch ш:sh щ:sch ы:y э:e ю:yu я:ya і:i ї:yi є:ye ґ:g'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A URL-safe subdomain from an account name, Cyrillic transliterated. */
export function slugify(name: string): string {
  const latin = [...name.toLowerCase()].map((ch) => translit[ch] ?? ch).join('');
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'account';
}

/** Creates an account (tenant) with a unique subdomain derived from its name. */
export async function createAccount(db: Kysely<DB>, input: CreateAccountInput): Promise<Account> {
  const base = slugify(input.name);
  let subdomain = base;
  for (let n = 2; await subdomainTaken(db, subdomain); n++) subdomain = `${base}-${n}`;
  return insertAccount(
    db,
    {
      name: input.name,
      subdomain,
      locale: input.locale,
      currency: input.currency ?? (input.locale === 'en' ? 'USD' : 'RUB'),
      timezone: input.timezone ?? 'Europe/Moscow',
      country: input.country ?? 'RU',
    },
    nowSeconds(),
  );
}
