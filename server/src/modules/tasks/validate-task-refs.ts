import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import type { BatchErrors } from '../events/v4-input.ts';
import { liveEntityIds } from '../links/entity-refs.repo.ts';
import { accountUserIds } from '../users/users.repo.ts';
import { usableTaskTypeIds } from './task-types.ts';

export type TaskRefs = {
  requestId: string;
  responsibleUserId?: number;
  taskTypeId?: number;
  entity?: { type: EntityType; id: number };
};

/**
 * Checks that what a batch of task writes points at exists in the account: the responsible
 * user (active), the task type, the linked deal / contact / company (not deleted). Each miss is
 * added to `errors` under the item's request_id.
 */
export async function validateTaskRefs(
  db: Kysely<DB>,
  accountId: number,
  items: TaskRefs[],
  errors: BatchErrors,
): Promise<void> {
  const users = await accountUserIds(
    db,
    accountId,
    items.flatMap((i) => (i.responsibleUserId === undefined ? [] : [i.responsibleUserId])),
  );
  const types = await usableTaskTypeIds(
    db,
    accountId,
    items.flatMap((i) => (i.taskTypeId === undefined ? [] : [i.taskTypeId])),
  );
  const live = new Map<EntityType, Set<number>>();
  for (const type of ['leads', 'contacts', 'companies'] as const) {
    const ids = items.flatMap((i) => (i.entity?.type === type ? [i.entity.id] : []));
    live.set(type, await liveEntityIds(db, accountId, type, ids));
  }
  for (const item of items) {
    if (item.responsibleUserId !== undefined && !users.has(item.responsibleUserId)) {
      errors.add(item.requestId, {
        code: 'NotFound',
        path: 'responsible_user_id',
        detail: 'No active user with this id in the account',
      });
    }
    if (item.taskTypeId !== undefined && !types.has(item.taskTypeId)) {
      errors.add(item.requestId, { code: 'NotFound', path: 'task_type_id', detail: 'Unknown task type' });
    }
    if (item.entity && !live.get(item.entity.type)?.has(item.entity.id)) {
      errors.add(item.requestId, {
        code: 'NotFound',
        path: 'entity_id',
        detail: `No ${item.entity.type} entity with this id in the account`,
      });
    }
  }
}
