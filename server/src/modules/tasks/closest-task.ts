import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { setClosestTaskAt } from '../links/entity-refs.repo.ts';
import { nearestOpenDeadline } from './tasks.repo.ts';

export type EntityRef = { type: EntityType; id: number };

/**
 * Recomputes `closest_task_at` (the earliest deadline among open tasks) of each entity, in the
 * caller's transaction, after its tasks were added, completed, moved or re-linked.
 */
export async function refreshClosestTaskAt(
  db: Kysely<DB>,
  accountId: number,
  refs: EntityRef[],
): Promise<void> {
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.type}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await setClosestTaskAt(
      db,
      accountId,
      ref.type,
      ref.id,
      await nearestOpenDeadline(db, accountId, ref.type, ref.id),
    );
  }
}
