import type { EventEntityType, EventType } from '@voronka/common';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { prepared } from '../../db/prepared.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import { robotDepthOf } from './robot-depth.ts';

export type EventInput = {
  accountId: number;
  type: EventType;
  entityType: EventEntityType;
  entityId: number;
  /** The user who made the change; 0 is the robot (automation, integrations). */
  createdBy: number;
  before?: unknown[];
  after?: unknown[];
  /**
   * Narrows the type for filtering (GET /api/v4/events filter[type]): the note type of
   * 'note.added', the changed attribute of 'task.changed'. Derived for 'entity.field_changed'
   * (the field id) when absent.
   */
  subtype?: string;
};

const fieldChange = z.object({ custom_field_value: z.object({ field_id: z.number() }) });

function subtypeOf(e: EventInput): string | null {
  if (e.subtype !== undefined) return e.subtype;
  if (e.type !== 'entity.field_changed') return null;
  for (const item of [...(e.after ?? []), ...(e.before ?? [])]) {
    const parsed = fieldChange.safeParse(item);
    if (parsed.success) return String(parsed.data.custom_field_value.field_id);
  }
  return null;
}

type EventValues = {
  account_id: number;
  type: EventType;
  entity_type: EventEntityType;
  entity_id: number;
  created_by: number;
  created_at: number;
  value_before: string;
  value_after: string;
  subtype: string | null;
  automation_depth: number | null;
};

/** One event: most changes write one, so it is a prepared query; several go in one insert. */
const insertOneEvent = prepared((db, p: EventValues) =>
  db
    .insertInto('events')
    .values({
      account_id: p.account_id,
      type: p.type,
      entity_type: p.entity_type,
      entity_id: p.entity_id,
      created_by: p.created_by,
      created_at: p.created_at,
      value_before: p.value_before,
      value_after: p.value_after,
      subtype: p.subtype,
      automation_depth: p.automation_depth,
    })
    .returning('id'),
);

/**
 * Writes event rows. Call it with the transaction that makes the change, so the change and its
 * event commit together (or not at all). The robot's events carry the chain depth its handle was
 * marked with (withRobotDepth).
 */
export async function recordEvents(
  trx: Kysely<DB>,
  events: EventInput[],
  at = nowSeconds(),
): Promise<number[]> {
  if (events.length === 0) return [];
  const depth = robotDepthOf(trx) ?? null;
  const values = events.map((e): EventValues => ({
    account_id: e.accountId,
    type: e.type,
    entity_type: e.entityType,
    entity_id: e.entityId,
    created_by: e.createdBy,
    created_at: at,
    value_before: JSON.stringify(e.before ?? []),
    value_after: JSON.stringify(e.after ?? []),
    subtype: subtypeOf(e),
    automation_depth: e.createdBy === 0 ? depth : null,
  }));
  const [one] = values;
  const rows =
    values.length === 1 && one
      ? await insertOneEvent.rows(trx, one)
      : await trx.insertInto('events').values(values).returning('id').execute();
  return rows.map((r) => r.id);
}
