import { languageSchema, type AppUser } from '@voronka/common';
import type { User } from '../../db/types.ts';

/** A user for Settings -> Users: never the password hash. */
export const presentAppUser = (user: User): AppUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  lang: languageSchema.catch('ru').parse(user.lang),
  is_active: user.is_active === 1,
  is_admin: user.is_admin === 1,
  role_id: user.role_id,
  group_id: user.group_id,
  created_at: user.created_at,
});
