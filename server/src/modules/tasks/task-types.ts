import { builtInTaskTypes, type TaskTypeInfo } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { Account, DB } from '../../db/types.ts';
import { listCustomTaskTypes, liveCustomTaskTypeIds } from './task-types.repo.ts';

/** The account's task types: amoCRM's two built-ins (named in the account's language), then custom ones. */
export async function listTaskTypes(db: Kysely<DB>, account: Account): Promise<TaskTypeInfo[]> {
  const builtIn = builtInTaskTypes.map((t) => ({
    id: t.id,
    name: account.locale === 'en' ? t.en : t.ru,
    code: t.code,
    color: null,
    icon_id: null,
    is_built_in: true,
  }));
  const custom = (await listCustomTaskTypes(db, account.id)).map((t) => ({
    id: t.id,
    name: t.name,
    code: t.code,
    color: t.color,
    icon_id: t.icon_id,
    is_built_in: false,
  }));
  return [...builtIn, ...custom];
}

const builtInIds = new Set<number>(builtInTaskTypes.map((t) => t.id));

/** The ids among `ids` that a task of this account may use (built-in or live custom types). */
export async function usableTaskTypeIds(
  db: Kysely<DB>,
  accountId: number,
  ids: number[],
): Promise<Set<number>> {
  const custom = await liveCustomTaskTypeIds(
    db,
    accountId,
    ids.filter((id) => !builtInIds.has(id)),
  );
  return new Set(ids.filter((id) => builtInIds.has(id) || custom.has(id)));
}

/** amoCRM's TaskType shape (`_embedded.task_types` of GET /api/v4/account): absent values left out. */
export const presentTaskTypeV4 = (t: TaskTypeInfo) => ({
  id: t.id,
  name: t.name,
  ...(t.color !== null ? { color: t.color } : {}),
  ...(t.icon_id !== null ? { icon_id: t.icon_id } : {}),
  ...(t.code !== null ? { code: t.code } : {}),
});
