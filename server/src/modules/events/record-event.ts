import type { EventEntityType, EventType } from '@voronka/common';
import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';

export type EventInput = {
  accountId: number;
  type: EventType;
  entityType: EventEntityType;
  entityId: number;
  /** The user who made the change; 0 is the robot (automation, integrations). */
  createdBy: number;
  before?: unknown[];
  after?: unknown[];
};

/**
 * Writes event rows. Call it with the transaction that makes the change, so the change and its
 * event commit together (or not at all).
 */
export async function recordEvents(
  trx: Kysely<DB>,
  events: EventInput[],
  at = nowSeconds(),
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await trx
    .insertInto('events')
    .values(
      events.map((e) => ({
        account_id: e.accountId,
        type: e.type,
        entity_type: e.entityType,
        entity_id: e.entityId,
        created_by: e.createdBy,
        created_at: at,
        value_before: JSON.stringify(e.before ?? []),
        value_after: JSON.stringify(e.after ?? []),
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
