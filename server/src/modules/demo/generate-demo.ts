import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { Stage } from '../../db/types-crm.ts';
import { reserveIds } from './bulk.ts';
import { DemoBatch } from './demo-batch.ts';
import { addCompanies, addContacts, type ContactPool } from './demo-contacts.ts';
import { addDeals, type DealContext } from './demo-deals.ts';
import { prepareDemoAccount, type DemoAccount, type DemoPipeline } from './prepare-demo-account.ts';
import { createRandom } from './random.ts';

export type DemoOptions = {
  deals: number;
  /** 0: link the deals to the account's existing contacts. */
  contacts: number;
  accountId?: number | undefined;
  seed?: number | undefined;
  /** Deals (or contacts) per transaction. */
  batchSize?: number | undefined;
  /** Only into this pipeline (default: spread over the account's pipelines). */
  pipelineId?: number | undefined;
  /** Every deal into this open stage of `pipelineId` (a full column, for `npm run bench`). */
  stageId?: number | undefined;
  onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
};

export type DemoResult = {
  accountId: number;
  /** Rows inserted, by table. */
  rows: Record<string, number>;
  seconds: number;
};

const YEAR = 365 * 86_400;

/**
 * Fills an account with realistic demo data for trying Voronka out and for `npm run bench`:
 * companies, contacts and deals (with their links, field values, tags, tasks, notes and events)
 * in batched transactions of multi-row INSERTs. The account's pipelines, fields, tags and managers
 * are made through the normal commands first (prepareDemoAccount). Generated history spans the
 * last two years; every batch commits on its own, so an interrupted run leaves whole batches.
 */
export async function generateDemo(database: Database, opts: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const demo = await prepareDemoAccount(database, opts.accountId);
  const only = forcedPlace(demo, opts);
  if (only) demo.pipelines = [only.pipeline];
  const r = createRandom(opts.seed ?? 20_26);
  const batchSize = opts.batchSize ?? 2000;
  const now = nowSeconds();
  const since = now - 2 * YEAR;
  const rows: Record<string, number> = {};
  const tally = (batch: DemoBatch) => {
    for (const [table, n] of Object.entries(batch.counts())) rows[table] = (rows[table] ?? 0) + n;
  };
  const inBatches = async (
    phase: string,
    total: number,
    fill: (trx: Kysely<DB>, batch: DemoBatch, from: number, count: number) => Promise<void>,
  ) => {
    for (let from = 0; from < total; from += batchSize) {
      const count = Math.min(batchSize, total - from);
      await database.db.transaction().execute(async (trx) => {
        const batch = new DemoBatch(demo.account.id, demo.account.country);
        await fill(trx, batch, from, count);
        await batch.flush(trx);
        tally(batch);
      });
      opts.onProgress?.(phase, from + count, total);
    }
  };

  // Spread over time in creation order: companies, then contacts, then deals.
  const companyTotal = Math.ceil(opts.contacts / 8);
  const companyIds: number[] = [];
  await inBatches('companies', companyTotal, async (trx, batch, from, count) => {
    const ids = await reserveIds(trx, database.dialect, 'companies', count);
    addCompanies(r, demo, batch, ids, (k) => since + Math.floor(((from + k) / companyTotal) * YEAR));
    companyIds.push(...ids);
  });
  const pool: ContactPool = { ids: [], companyIds: [], lastNames: [] };
  await inBatches('contacts', opts.contacts, async (trx, batch, from, count) => {
    const ids = await reserveIds(trx, database.dialect, 'contacts', count);
    const timeOf = (k: number) => since + Math.floor(((from + k) / opts.contacts) * 2 * YEAR);
    addContacts(r, demo, batch, ids, companyIds, timeOf, pool);
  });

  if (opts.contacts === 0) Object.assign(pool, await existingContacts(database, demo.account.id));
  if (pool.ids.length === 0 && opts.deals > 0)
    throw new Error('Deals need contacts: ask for some with --contacts');
  const top = await topPositions(database, demo.account.id);
  const ctx: DealContext = { demo, pool, top, now, stage: only?.stage };
  await inBatches('deals', opts.deals, async (trx, batch, from, count) => {
    const ids = await reserveIds(trx, database.dialect, 'deals', count);
    const taskIds = await reserveIds(trx, database.dialect, 'tasks', count);
    const noteIds = await reserveIds(trx, database.dialect, 'notes', count);
    addDeals(r, ctx, batch, { ids, first: from, total: opts.deals, taskIds, noteIds }, (n) =>
      Math.min(now, since + Math.floor(((n + r.next()) / opts.deals) * 2 * YEAR)),
    );
  });

  // Fresh planner statistics after a bulk load, as after any large import.
  await sql`ANALYZE`.execute(database.db);
  return { accountId: demo.account.id, rows, seconds: (performance.now() - started) / 1000 };
}

/** The pipeline (and stage) every deal must go to, when the options name one. */
function forcedPlace(demo: DemoAccount, opts: DemoOptions): { pipeline: DemoPipeline; stage?: Stage } | null {
  if (opts.pipelineId === undefined) {
    if (opts.stageId !== undefined) throw new Error('A stage needs its pipeline');
    return null;
  }
  const pipeline = demo.pipelines.find((p) => p.pipeline.id === opts.pipelineId);
  if (!pipeline) throw new Error(`No live pipeline ${opts.pipelineId}`);
  if (opts.stageId === undefined) return { pipeline };
  const stage = pipeline.open.find((s) => s.id === opts.stageId);
  if (!stage) throw new Error(`Stage ${opts.stageId} is not an open stage of pipeline ${opts.pipelineId}`);
  return { pipeline, stage };
}

/** The account's live contacts, for deals added to an already generated account (--contacts 0). */
async function existingContacts(database: Database, accountId: number): Promise<ContactPool> {
  const rows = await database.db
    .selectFrom('contacts')
    .select(['id', 'company_id', 'last_name'])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return {
    ids: rows.map((r) => r.id),
    companyIds: rows.map((r) => r.company_id),
    lastNames: rows.map((r) => r.last_name),
  };
}

/** The top (lowest) position of each stage of the account, so new deals go above the existing ones. */
async function topPositions(database: Database, accountId: number): Promise<Map<number, number>> {
  const rows = await database.db
    .selectFrom('deals')
    .select(['stage_id', (eb) => eb.fn.min<number>('position').as('top')])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .groupBy('stage_id')
    .execute();
  return new Map(rows.map((row) => [row.stage_id, row.top]));
}
