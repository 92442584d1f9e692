import { languageSchema, type SessionPayload } from '@voronka/common';
import type { Account, User } from '../../db/types.ts';

const lang = (value: string) => languageSchema.catch('ru').parse(value);

export const presentSession = (user: User, account: Account, csrfToken: string): SessionPayload => ({
  user: {
    id: user.id,
    name: user.name,
    email: user.email,
    lang: lang(user.lang),
    isAdmin: user.is_admin === 1,
  },
  account: {
    id: account.id,
    name: account.name,
    subdomain: account.subdomain,
    currency: account.currency,
    timezone: account.timezone,
    locale: lang(account.locale),
  },
  csrfToken,
});
