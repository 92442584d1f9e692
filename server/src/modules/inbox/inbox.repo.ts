import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type {
  IncomingCategory,
  IncomingLead,
  IncomingLeadsTable,
  IncomingSource,
  IncomingStatus,
} from '../../db/types-inbox.ts';

/** The source a lead arrived from, created on its first lead (concurrent first arrivals are safe). */
export async function upsertSource(
  db: Kysely<DB>,
  accountId: number,
  category: IncomingCategory,
  sourceUid: string,
  name: string,
  pipelineId: number | null,
  now: number,
): Promise<IncomingSource> {
  await db
    .insertInto('incoming_sources')
    .values({
      account_id: accountId,
      category,
      source_uid: sourceUid,
      name,
      pipeline_id: pipelineId,
      auto_accept_stage_id: null,
      auto_accept_user_id: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['account_id', 'category', 'source_uid']).doNothing())
    .execute();
  const source = await db
    .selectFrom('incoming_sources')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('category', '=', category)
    .where('source_uid', '=', sourceUid)
    .executeTakeFirstOrThrow();
  if (source.name === name || name === '') return source;
  return db
    .updateTable('incoming_sources')
    .set({ name, updated_at: now })
    .where('id', '=', source.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findSource = (db: Kysely<DB>, accountId: number, id: number) =>
  db
    .selectFrom('incoming_sources')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export const listSources = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('incoming_sources')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('category')
    .orderBy('name')
    .orderBy('id')
    .execute();

export async function updateSourceRow(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: { auto_accept_stage_id: number | null; auto_accept_user_id: number | null; updated_at: number },
): Promise<IncomingSource | undefined> {
  return db
    .updateTable('incoming_sources')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export const insertIncomingLead = (
  db: Kysely<DB>,
  row: Insertable<IncomingLeadsTable>,
): Promise<IncomingLead> =>
  db.insertInto('incoming_leads').values(row).returningAll().executeTakeFirstOrThrow();

export const findIncomingLead = (db: Kysely<DB>, accountId: number, uid: string) =>
  db
    .selectFrom('incoming_leads')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('uid', '=', uid)
    .executeTakeFirst();

/**
 * Records a decision on an entry still waiting: the update only matches while the status is
 * `new`, so two managers deciding at once cannot both win (the loser gets undefined).
 */
export const decideIncomingLead = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<IncomingLeadsTable> & { status: IncomingStatus },
): Promise<IncomingLead | undefined> =>
  db
    .updateTable('incoming_leads')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('status', '=', 'new')
    .returningAll()
    .executeTakeFirst();

export type IncomingFilter = {
  uids?: string[] | undefined;
  categories?: IncomingCategory[] | undefined;
  pipelineIds?: number[] | undefined;
  statuses?: IncomingStatus[] | undefined;
  createdFrom?: number | undefined;
  createdTo?: number | undefined;
};

function filtered(db: Kysely<DB>, accountId: number, f: IncomingFilter) {
  let q = db.selectFrom('incoming_leads').where('account_id', '=', accountId);
  if (f.uids?.length) q = q.where('uid', 'in', f.uids);
  if (f.categories?.length) q = q.where('category', 'in', f.categories);
  if (f.pipelineIds?.length) q = q.where('pipeline_id', 'in', f.pipelineIds);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.createdFrom !== undefined) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('created_at', '<=', f.createdTo);
  return q;
}

/** A page of entries, newest first unless asked; one extra row signals a next page. */
export function listIncomingLeads(
  db: Kysely<DB>,
  accountId: number,
  f: IncomingFilter,
  page: { offset: number; limit: number; order: { field: 'created_at' | 'updated_at'; dir: 'asc' | 'desc' } },
): Promise<IncomingLead[]> {
  return filtered(db, accountId, f)
    .selectAll()
    .orderBy(page.order.field, page.order.dir)
    .orderBy('id', page.order.dir)
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

/** Counts by status and category, and the summed time from arrival to decision. */
export function summariseIncomingLeads(db: Kysely<DB>, accountId: number, f: IncomingFilter) {
  return filtered(db, accountId, f)
    .select((eb) => [
      'status',
      'category',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number | null>(eb('decided_at', '-', eb.ref('created_at'))).as('sort_time'),
    ])
    .groupBy(['status', 'category'])
    .execute();
}
