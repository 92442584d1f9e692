import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAccount } from '../accounts/create-account.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { ensureDefaultPipeline } from './ensure-default-pipeline.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

it('creates one main pipeline however many first uses race, inside transactions or not', async () => {
  const { db } = database;
  const account = await createAccount(db, { name: 'Гонка', locale: 'ru' });
  const results = await Promise.all([
    ...Array.from({ length: 4 }, () => ensureDefaultPipeline(db, account)),
    ...Array.from({ length: 4 }, () =>
      db.transaction().execute((trx) => ensureDefaultPipeline(trx, account)),
    ),
  ]);
  expect(new Set(results.map((p) => p.id)).size).toBe(1);
  const pipelines = await db
    .selectFrom('pipelines')
    .select(['id', 'is_main'])
    .where('account_id', '=', account.id)
    .execute();
  expect(pipelines).toEqual([{ id: results[0]?.id, is_main: 1 }]);
  const stages = await db.selectFrom('stages').select('kind').where('account_id', '=', account.id).execute();
  expect(stages.map((s) => s.kind).sort()).toEqual([
    'incoming',
    'lost',
    'open',
    'open',
    'open',
    'open',
    'won',
  ]);
  const reasons = await db
    .selectFrom('loss_reasons')
    .select('id')
    .where('account_id', '=', account.id)
    .execute();
  expect(reasons).toHaveLength(4);
});
