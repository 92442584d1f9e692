import { z } from 'zod';
import type { User } from '../../db/types.ts';

/**
 * Role rights are stored as data (roles.rights JSON) in Voronka's words — all / group / own /
 * denied — and shown in amoCRM's letters: A (all), G (group), M (mine), D (denied). amoCRM's
 * letters are accepted in the stored JSON too.
 */
const letters = { all: 'A', group: 'G', own: 'M', denied: 'D', A: 'A', G: 'G', M: 'M', D: 'D' } as const;
const level = z.enum(['all', 'group', 'own', 'denied', 'A', 'G', 'M', 'D']).transform((v) => letters[v]);
type Letter = 'A' | 'G' | 'M' | 'D';

const entityRights = z
  .object({
    view: level.optional(),
    edit: level.optional(),
    add: level.optional(),
    delete: level.optional(),
    export: level.optional(),
  })
  .optional();

const storedRights = z.object({
  leads: entityRights,
  contacts: entityRights,
  companies: entityRights,
  tasks: z.object({ edit: level.optional(), delete: level.optional() }).optional(),
  mail_access: z.boolean().optional(),
  catalog_access: z.boolean().optional(),
  status_rights: z
    .array(
      z.object({
        entity_type: z.string(),
        pipeline_id: z.number(),
        status_id: z.number(),
        rights: z.object({ view: level.optional(), edit: level.optional(), delete: level.optional() }),
      }),
    )
    .optional(),
});
type StoredRights = z.infer<typeof storedRights>;

/** A role's rights document; an unreadable one grants nothing beyond the defaults. */
export function parseRoleRights(text: string | null): StoredRights {
  if (text === null) return {};
  try {
    const parsed = storedRights.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const entity = (r: StoredRights['leads'], all: boolean) => {
  const pick = (v: Letter | undefined): Letter => (all ? 'A' : (v ?? 'A'));
  return {
    view: pick(r?.view),
    edit: pick(r?.edit),
    add: pick(r?.add),
    delete: pick(r?.delete),
    export: pick(r?.export),
  };
};

/** The rights part of amoCRM's Role (no user-specific flags). Without a role: full access, not admin. */
export function roleRights(stored: StoredRights, isAdmin = false) {
  return {
    leads: entity(stored.leads, isAdmin),
    contacts: entity(stored.contacts, isAdmin),
    companies: entity(stored.companies, isAdmin),
    tasks: {
      edit: isAdmin ? 'A' : (stored.tasks?.edit ?? 'A'),
      delete: isAdmin ? 'A' : (stored.tasks?.delete ?? 'A'),
    },
    mail_access: isAdmin || (stored.mail_access ?? true),
    catalog_access: isAdmin || (stored.catalog_access ?? true),
    status_rights: isAdmin ? [] : (stored.status_rights ?? []),
  };
}

/** amoCRM's UserRights of a user: the role's rights, or everything for an administrator. */
export const userRights = (user: User, roleRightsText: string | null) => ({
  ...roleRights(parseRoleRights(roleRightsText), user.is_admin === 1),
  is_admin: user.is_admin === 1,
  is_free: false,
  is_active: user.is_active === 1,
  group_id: user.group_id ?? 0,
  role_id: user.role_id,
});
