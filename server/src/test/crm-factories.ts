import type { Kysely } from 'kysely';
import { nowSeconds } from '../db/schema-helpers.ts';
import type { DB } from '../db/types.ts';
import type { Company, Contact, Deal, Pipeline, Stage } from '../db/types-crm.ts';

/**
 * Minimal CRM rows inserted directly, for tests of modules that only need a deal, contact or
 * company to exist (tasks, notes, links, events, webhooks). No events are written.
 */

export type PipelineWithStages = {
  pipeline: Pipeline;
  incoming: Stage;
  open: Stage;
  won: Stage;
  lost: Stage;
};

export async function buildPipeline(
  db: Kysely<DB>,
  accountId: number,
  overrides: Partial<{ name: string; is_main: number }> = {},
): Promise<PipelineWithStages> {
  const now = nowSeconds();
  const pipeline = await db
    .insertInto('pipelines')
    .values({ account_id: accountId, name: 'Воронка', created_at: now, updated_at: now, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
  const stage = (name: string, kind: Stage['kind'], sort: number) =>
    db
      .insertInto('stages')
      .values({
        account_id: accountId,
        pipeline_id: pipeline.id,
        name,
        kind,
        sort,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  return {
    pipeline,
    incoming: await stage('Неразобранное', 'incoming', 0),
    open: await stage('Первичный контакт', 'open', 10),
    won: await stage('Успешно реализовано', 'won', 10000),
    lost: await stage('Закрыто и не реализовано', 'lost', 11000),
  };
}

export async function buildDeal(
  db: Kysely<DB>,
  accountId: number,
  overrides: Partial<Omit<Deal, 'id' | 'account_id'>> = {},
): Promise<Deal> {
  const now = nowSeconds();
  let { pipeline_id: pipelineId, stage_id: stageId } = overrides;
  if (pipelineId === undefined || stageId === undefined) {
    const built = await buildPipeline(db, accountId);
    pipelineId = built.pipeline.id;
    stageId = built.open.id;
  }
  const name = overrides.name ?? 'Сделка';
  return db
    .insertInto('deals')
    .values({
      account_id: accountId,
      name,
      name_lc: name.toLowerCase(),
      stage_entered_at: now,
      created_at: now,
      updated_at: now,
      ...overrides,
      pipeline_id: pipelineId,
      stage_id: stageId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildContact(
  db: Kysely<DB>,
  accountId: number,
  overrides: Partial<Omit<Contact, 'id' | 'account_id'>> = {},
): Promise<Contact> {
  const now = nowSeconds();
  const name = overrides.name ?? 'Иван Петров';
  return db
    .insertInto('contacts')
    .values({
      account_id: accountId,
      name,
      name_lc: name.toLowerCase(),
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCompany(
  db: Kysely<DB>,
  accountId: number,
  overrides: Partial<Omit<Company, 'id' | 'account_id'>> = {},
): Promise<Company> {
  const now = nowSeconds();
  const name = overrides.name ?? 'ООО Ромашка';
  return db
    .insertInto('companies')
    .values({
      account_id: accountId,
      name,
      name_lc: name.toLowerCase(),
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
