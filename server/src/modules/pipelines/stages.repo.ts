import type { Insertable, Kysely, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { Stage, StageKind, StagesTable } from '../../db/types-crm.ts';

const kindRank: Record<StageKind, number> = { incoming: 0, open: 1, won: 2, lost: 3 };

/** Board order: the incoming stage first, open stages by sort, then won and lost. */
export const byBoardOrder = (a: Stage, b: Stage): number =>
  kindRank[a.kind] - kindRank[b.kind] || a.sort - b.sort || a.id - b.id;

export async function listStages(db: Kysely<DB>, accountId: number, pipelineIds: number[]): Promise<Stage[]> {
  if (pipelineIds.length === 0) return [];
  const rows = await db
    .selectFrom('stages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pipeline_id', 'in', pipelineIds)
    .execute();
  return rows.sort(byBoardOrder);
}

const findStageQuery = prepared((db, p: { accountId: number; id: number }) =>
  db.selectFrom('stages').selectAll().where('account_id', '=', p.accountId).where('id', '=', p.id),
);

export const findStage = (db: Kysely<DB>, accountId: number, id: number): Promise<Stage | undefined> =>
  findStageQuery.first(db, { accountId, id });

export const listStagesById = (db: Kysely<DB>, accountId: number, ids: number[]): Promise<Stage[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('stages')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();

/** The incoming, won or lost stage of a pipeline (each pipeline has exactly one of each). */
export const findStageOfKind = (
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  kind: StageKind,
): Promise<Stage | undefined> =>
  db
    .selectFrom('stages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('kind', '=', kind)
    .orderBy('sort')
    .orderBy('id')
    .executeTakeFirst();

/** Stage ids of one kind across the account's pipelines (filter[statuses] with 142 / 143 alone). */
export async function stageIdsOfKind(db: Kysely<DB>, accountId: number, kind: StageKind): Promise<number[]> {
  const rows = await db
    .selectFrom('stages')
    .select('id')
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .execute();
  return rows.map((r) => r.id);
}

export async function countStages(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  kind?: StageKind,
): Promise<number> {
  let q = db
    .selectFrom('stages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId);
  if (kind) q = q.where('kind', '=', kind);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function maxOpenStageSort(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
): Promise<number> {
  const row = await db
    .selectFrom('stages')
    .select((eb) => eb.fn.max<number | null>('sort').as('m'))
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('kind', 'in', ['incoming', 'open'])
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export const insertStages = (db: Kysely<DB>, rows: Insertable<StagesTable>[]): Promise<Stage[]> =>
  rows.length === 0 ? Promise.resolve([]) : db.insertInto('stages').values(rows).returningAll().execute();

export const updateStageRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<StagesTable>,
): Promise<Stage> =>
  db
    .updateTable('stages')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function deleteStageRow(db: Kysely<DB>, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('stages').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Deals in a stage; `live` leaves out the ones in the trash. */
export async function countStageDeals(
  db: Kysely<DB>,
  accountId: number,
  stageId: number,
  live: boolean,
): Promise<number> {
  let q = db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('stage_id', '=', stageId);
  if (live) q = q.where('deleted_at', 'is', null);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
