import { appUserSchema, userGroupSchema, type UserCreateInput, type UserPatchInput } from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

export type { AppUser, UserGroup } from '@voronka/common';

export const usersKey = ['settings', 'users'] as const;
export const userGroupsKey = ['settings', 'user-groups'] as const;
export const rolesKey = ['settings', 'roles'] as const;

export const fetchUsers = async () =>
  (await apiRequest('GET', '/api/app/users', decodeWith(z.object({ items: z.array(appUserSchema) })))).items;

export const createUser = (input: UserCreateInput) =>
  apiRequest('POST', '/api/app/users', decodeWith(appUserSchema), input);

export const updateUser = (id: number, patch: UserPatchInput) =>
  apiRequest('PATCH', `/api/app/users/${id}`, decodeWith(appUserSchema), patch);

export const resetPassword = (id: number, password: string) =>
  apiRequest('POST', `/api/app/users/${id}/password`, noContent, { password });

export const fetchUserGroups = async () =>
  (await apiRequest('GET', '/api/app/user-groups', decodeWith(z.object({ items: z.array(userGroupSchema) }))))
    .items;

const groupOut = decodeWith(z.object({ id: z.number(), name: z.string() }));
export const createUserGroup = (name: string) =>
  apiRequest('POST', '/api/app/user-groups', groupOut, { name });
export const renameUserGroup = (id: number, name: string) =>
  apiRequest('PATCH', `/api/app/user-groups/${id}`, groupOut, { name });
export const deleteUserGroup = (id: number) => apiRequest('DELETE', `/api/app/user-groups/${id}`, noContent);

const roleSchema = z.object({ id: z.number(), name: z.string() });
export type Role = z.infer<typeof roleSchema>;

/** The account's roles (amoCRM's /api/v4/roles; 204 while there are none). */
export const fetchRoles = () =>
  apiRequest('GET', '/api/v4/roles?limit=250', (value: unknown): Role[] =>
    value === undefined
      ? []
      : decodeWith(z.object({ _embedded: z.object({ roles: z.array(roleSchema) }) }))(value)._embedded.roles,
  );
