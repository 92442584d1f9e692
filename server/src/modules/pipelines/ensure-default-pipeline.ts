import type { Kysely } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Account, DB } from '../../db/types.ts';
import type { Pipeline } from '../../db/types-crm.ts';
import {
  defaultLossReasons,
  defaultOpenStages,
  defaultPipelineName,
  fixedStages,
} from './default-pipeline.ts';
import { insertLossReasons, listLossReasons } from './loss-reasons.repo.ts';
import { findMainPipeline, insertMainPipelineIfAbsent } from './pipelines.repo.ts';
import { insertStages } from './stages.repo.ts';

async function create(db: Kysely<DB>, account: Account): Promise<Pipeline> {
  const now = nowSeconds();
  const pipeline = await insertMainPipelineIfAbsent(db, {
    account_id: account.id,
    name: defaultPipelineName(account.locale),
    sort: 1,
    created_at: now,
    updated_at: now,
  });
  if (!pipeline) {
    const winner = await findMainPipeline(db, account.id);
    if (!winner) throw new Error(`account ${account.id}: main pipeline vanished`);
    return winner;
  }
  const stages = [...fixedStages(account.locale), ...defaultOpenStages(account.locale)];
  await insertStages(
    db,
    stages.map((s) => ({
      ...s,
      account_id: account.id,
      pipeline_id: pipeline.id,
      created_at: now,
      updated_at: now,
    })),
  );
  if ((await listLossReasons(db, account.id)).length === 0) {
    await insertLossReasons(
      db,
      defaultLossReasons(account.locale).map((name, i) => ({
        account_id: account.id,
        name,
        sort: i + 1,
        created_at: now,
        updated_at: now,
      })),
    );
  }
  return pipeline;
}

/**
 * The account's main pipeline, created on first use with the stages and loss reasons of the
 * account's language (Неразобранное, Первичный контакт, ..., Успешно реализовано, Закрыто и не
 * реализовано). Safe under concurrency and inside a caller's transaction.
 */
export async function ensureDefaultPipeline(db: Kysely<DB>, account: Account): Promise<Pipeline> {
  const main = await findMainPipeline(db, account.id);
  if (main) return main;
  return db.isTransaction ? create(db, account) : db.transaction().execute((trx) => create(trx, account));
}
