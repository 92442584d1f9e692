import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type AuditFilter = {
  userIds?: number[] | undefined;
  entityTypes?: string[] | undefined;
  types?: string[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Only refused actions (access.denied). */
  deniedOnly?: boolean | undefined;
};

/** The account's events as an audit log, newest first, after the id cursor `before`. */
export function listAudit(
  db: Kysely<DB>,
  accountId: number,
  f: AuditFilter,
  page: { before?: number | undefined; limit: number },
) {
  let q = db
    .selectFrom('events')
    .leftJoin('users', (j) =>
      j.onRef('users.id', '=', 'events.created_by').on('users.account_id', '=', accountId),
    )
    .select([
      'events.id',
      'events.type',
      'events.entity_type',
      'events.entity_id',
      'events.created_by',
      'events.created_at',
      'events.value_before',
      'events.value_after',
      'users.name as user_name',
    ])
    .where('events.account_id', '=', accountId);
  if (f.userIds?.length) q = q.where('events.created_by', 'in', f.userIds);
  if (f.entityTypes?.length) q = q.where('events.entity_type', 'in', f.entityTypes);
  if (f.types?.length) q = q.where('events.type', 'in', f.types);
  if (f.deniedOnly) q = q.where('events.type', '=', 'access.denied');
  if (f.from !== undefined) q = q.where('events.created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('events.created_at', '<=', f.to);
  if (page.before !== undefined) q = q.where('events.id', '<', page.before);
  return q.orderBy('events.id', 'desc').limit(page.limit).execute();
}
