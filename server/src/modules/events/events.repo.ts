import type { Expression, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CrmEvent } from '../../db/types-crm.ts';
import type { EventCondition } from './amo-event-types.ts';
import type { Range } from './v4-input.ts';

export type EventFilter = {
  /** Which (type, subtype) combinations to return; an empty list returns nothing. */
  conditions: EventCondition[];
  ids?: number[];
  createdAt?: Range;
  createdBy?: number[];
  entityTypes?: string[];
  entityIds?: number[];
  /** The events of records the user may see (rights); absent: no restriction. */
  scope?: Expression<SqlBool> | null;
};

/** The account's events, newest first. */
export async function listEvents(
  db: Kysely<DB>,
  accountId: number,
  filter: EventFilter,
  limit: number,
  offset: number,
): Promise<CrmEvent[]> {
  if (filter.conditions.length === 0) return [];
  let q = db.selectFrom('events').selectAll().where('account_id', '=', accountId);
  q = q.where((eb) =>
    eb.or(
      filter.conditions.map((c) =>
        c.subtypes
          ? eb.and([eb('type', 'in', [...c.types]), eb('subtype', 'in', [...c.subtypes])])
          : eb('type', 'in', [...c.types]),
      ),
    ),
  );
  if (filter.scope) q = q.where(filter.scope);
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  if (filter.createdAt?.from !== undefined) q = q.where('created_at', '>=', filter.createdAt.from);
  if (filter.createdAt?.to !== undefined) q = q.where('created_at', '<=', filter.createdAt.to);
  if (filter.createdBy) q = q.where('created_by', 'in', filter.createdBy);
  if (filter.entityTypes) q = q.where('entity_type', 'in', filter.entityTypes);
  if (filter.entityIds) q = q.where('entity_id', 'in', filter.entityIds);
  return q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export const findEvent = (db: Kysely<DB>, accountId: number, id: number): Promise<CrmEvent | undefined> =>
  db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
