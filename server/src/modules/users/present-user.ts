import type { FastifyRequest } from 'fastify';
import type { User } from '../../db/types.ts';
import { absoluteUrl } from '../../http/hal.ts';
import { parseRoleRights, roleRights, userRights } from './user-rights.ts';
import type { RoleRow } from './roles.repo.ts';

export type UserEmbeds = {
  withs: Set<string>;
  roles: Map<number, RoleRow>;
  groups: Map<number, { id: number; name: string }>;
};

export const roleHref = (request: FastifyRequest, id: number) => absoluteUrl(request, `/api/v4/roles/${id}`);

/** amoCRM's User, with `_embedded.roles` / `groups` on with=role / group. */
export function presentUser(request: FastifyRequest, user: User, embeds: UserEmbeds) {
  const role = user.role_id === null ? undefined : embeds.roles.get(user.role_id);
  const group = user.group_id === null ? undefined : embeds.groups.get(user.group_id);
  const embedded: Record<string, unknown> = {};
  if (embeds.withs.has('role')) {
    embedded.roles = role
      ? [{ id: role.id, name: role.name, _links: { self: { href: roleHref(request, role.id) } } }]
      : [];
  }
  if (embeds.withs.has('group')) embedded.groups = group ? [{ id: group.id, name: group.name }] : [];
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    lang: user.lang,
    rights: userRights(user, role?.rights ?? null),
    ...(embeds.withs.has('uuid') ? { uuid: null } : {}),
    ...(embeds.withs.has('amojo_id') ? { amojo_id: null } : {}),
    ...(embeds.withs.has('user_rank') ? { user_rank: null } : {}),
    ...(embeds.withs.has('phone_number') ? { phone_number: null } : {}),
    _links: { self: { href: absoluteUrl(request, `/api/v4/users/${user.id}`) } },
    ...(Object.keys(embedded).length > 0 ? { _embedded: embedded } : {}),
  };
}

/** amoCRM's Role; `_embedded.users` on with=users. */
export const presentRole = (request: FastifyRequest, role: RoleRow, userIds?: number[]) => ({
  id: role.id,
  name: role.name,
  rights: { ...roleRights(parseRoleRights(role.rights)), is_admin: parseRoleRights(role.rights).is_admin },
  _links: { self: { href: roleHref(request, role.id) } },
  ...(userIds ? { _embedded: { users: userIds.map((id) => ({ id })) } } : {}),
});
