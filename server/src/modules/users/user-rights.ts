import { levelLetter, type EntityRights, type RoleRights, type StageRights } from '@voronka/common';
import type { User } from '../../db/types.ts';
import { readRoleRights } from '../policy/policy.ts';

/**
 * Role rights are stored as data (roles.rights JSON) in Voronka's words — all / group / own /
 * denied — and shown in amoCRM's letters: A (all), G (group), M (mine), D (denied). amoCRM's
 * letters are accepted on input too. The document is read by the policy module.
 */
export const parseRoleRights = (text: string | null): RoleRights => readRoleRights(text);

const letters = (r: EntityRights) => ({
  view: levelLetter[r.view],
  edit: levelLetter[r.edit],
  add: levelLetter[r.add],
  delete: levelLetter[r.delete],
  export: levelLetter[r.export],
});

const stageLetters = (r: StageRights) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, levelLetter[v]]));

/** The rights part of amoCRM's Role (no user-specific flags); an administrator has everything. */
export function roleRights(stored: RoleRights, isAdmin = false) {
  const full = isAdmin || stored.is_admin;
  const all = { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' } as const;
  const entity = (r: EntityRights) => (full ? all : letters(r));
  return {
    leads: entity(stored.leads),
    contacts: entity(stored.contacts),
    companies: entity(stored.companies),
    tasks: entity(stored.tasks),
    mail_access: full || stored.mail_access,
    catalog_access: full || stored.catalog_access,
    status_rights: full ? [] : stored.status_rights.map((s) => ({ ...s, rights: stageLetters(s.rights) })),
    pipeline_rights: full
      ? []
      : stored.pipeline_rights.map((p) => ({ ...p, rights: stageLetters(p.rights) })),
  };
}

/** amoCRM's UserRights of a user: the role's rights, or everything for an administrator. */
export const userRights = (user: User, roleRightsText: string | null) => {
  const stored = parseRoleRights(roleRightsText);
  return {
    ...roleRights(stored, user.is_admin === 1),
    is_admin: user.is_admin === 1 || stored.is_admin,
    is_free: false,
    is_active: user.is_active === 1,
    group_id: user.group_id ?? 0,
    role_id: user.role_id,
  };
};
