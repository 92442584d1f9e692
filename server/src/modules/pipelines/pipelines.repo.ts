import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { Pipeline, PipelinesTable } from '../../db/types-crm.ts';

export const findMainPipeline = (db: Kysely<DB>, accountId: number): Promise<Pipeline | undefined> =>
  db
    .selectFrom('pipelines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('is_main', '=', 1)
    .executeTakeFirst();

const findPipelineQuery = prepared((db, p: { accountId: number; id: number }) =>
  db.selectFrom('pipelines').selectAll().where('account_id', '=', p.accountId).where('id', '=', p.id),
);

export const findPipeline = (db: Kysely<DB>, accountId: number, id: number): Promise<Pipeline | undefined> =>
  findPipelineQuery.first(db, { accountId, id });

export const listPipelines = (db: Kysely<DB>, accountId: number): Promise<Pipeline[]> =>
  db
    .selectFrom('pipelines')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const listPipelinesById = (db: Kysely<DB>, accountId: number, ids: number[]): Promise<Pipeline[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('pipelines')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();

export async function countPipelines(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('pipelines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function maxPipelineSort(db: Kysely<DB>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('pipelines')
    .select((eb) => eb.fn.max<number | null>('sort').as('m'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export const insertPipeline = (db: Kysely<DB>, row: Insertable<PipelinesTable>): Promise<Pipeline> =>
  db.insertInto('pipelines').values(row).returningAll().executeTakeFirstOrThrow();

/**
 * Inserts the account's main pipeline unless one exists; undefined when another request won the
 * race (the partial unique index `pipelines_one_main` decides, without aborting the transaction).
 */
export const insertMainPipelineIfAbsent = (
  db: Kysely<DB>,
  row: Insertable<PipelinesTable>,
): Promise<Pipeline | undefined> =>
  db
    .insertInto('pipelines')
    .values({ ...row, is_main: 1 })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .where(sql<boolean>`is_main = 1`)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();

export const updatePipelineRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<PipelinesTable>,
): Promise<Pipeline> =>
  db
    .updateTable('pipelines')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function clearMainPipeline(db: Kysely<DB>, accountId: number, now: number): Promise<void> {
  await db
    .updateTable('pipelines')
    .set({ is_main: 0, updated_at: now })
    .where('account_id', '=', accountId)
    .where('is_main', '=', 1)
    .execute();
}

export async function deletePipelineRow(db: Kysely<DB>, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('pipelines').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Deals in a pipeline, the ones in the trash included (they still reference its stages). */
export async function countPipelineDeals(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
): Promise<number> {
  const row = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
