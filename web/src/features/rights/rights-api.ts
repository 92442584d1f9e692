import { rightActions, rightEntities, rightLevels } from '@voronka/common';
import { z } from 'zod';
import { apiRequest } from '../../app/api';
import { decodeWith } from '../../app/decode';

const letter = z.enum(['A', 'G', 'M', 'D']);
const entityRights = z.object({ view: letter, edit: letter, add: letter, delete: letter, export: letter });
const roleSchema = z.object({
  id: z.number(),
  name: z.string(),
  rights: z.object({
    leads: entityRights,
    contacts: entityRights,
    companies: entityRights,
    tasks: entityRights,
    is_admin: z.boolean().optional(),
  }),
});
export type Role = z.infer<typeof roleSchema>;

export const levelOfLetter = { A: 'all', G: 'group', M: 'own', D: 'denied' } as const;
export { rightActions, rightEntities, rightLevels };

export const rolesKey = ['rights', 'roles'] as const;
export const fetchRoles = async (): Promise<Role[]> => {
  const body = await apiRequest(
    'GET',
    '/api/v4/roles?limit=250',
    decodeWith(z.union([z.object({ _embedded: z.object({ roles: z.array(roleSchema) }) }), z.undefined()])),
  );
  return body?._embedded.roles ?? [];
};
export const createRole = (name: string) =>
  apiRequest('POST', '/api/v4/roles', decodeWith(z.unknown()), [{ name }]);
export const saveRole = (id: number, rights: Record<string, Record<string, string>>) =>
  apiRequest('PATCH', `/api/v4/roles/${id}`, decodeWith(roleSchema), { rights });

const auditItem = z.object({
  id: z.number(),
  type: z.string(),
  entity_type: z.string(),
  entity_id: z.number(),
  created_by: z.number(),
  user_name: z.string().nullable(),
  created_at: z.number(),
  after: z.unknown(),
});
export type AuditItem = z.infer<typeof auditItem>;
export type AuditFilter = {
  userId: string | null;
  entityType: string | null;
  type: string;
  /** Period bounds as `YYYY-MM-DD` in the browser's time zone, both days included. */
  from: string;
  to: string;
  deniedOnly: boolean;
};

const dayStart = (day: string) => Math.floor(new Date(`${day}T00:00:00`).getTime() / 1000);

export const auditQuery = (f: AuditFilter) => {
  const p = new URLSearchParams();
  if (f.userId) p.set('user_id', f.userId);
  if (f.entityType) p.set('entity_type', f.entityType);
  if (f.type.trim()) p.set('type', f.type.trim());
  if (f.from) p.set('from', String(dayStart(f.from)));
  if (f.to) p.set('to', String(dayStart(f.to) + 86_399));
  if (f.deniedOnly) p.set('denied', '1');
  return p.toString();
};
export const fetchAudit = (f: AuditFilter, before: number | null) =>
  apiRequest(
    'GET',
    `/api/app/audit?${auditQuery(f)}${before ? `&before=${before}` : ''}`,
    decodeWith(z.object({ items: z.array(auditItem), next_before: z.number().nullable() })),
  );
