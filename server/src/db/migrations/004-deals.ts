import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Pipelines and deals: at most one main pipeline per account (a partial unique index, so two
 * concurrent first uses cannot both create the default one), the robot-price flag amoCRM reports,
 * and indexes for the closed-at filter and the stage counters of the board.
 */
export const deals = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await sql`CREATE UNIQUE INDEX pipelines_one_main ON pipelines (account_id) WHERE is_main = 1`.execute(db);
    await db.schema
      .alterTable('deals')
      .addColumn('price_modified_by_robot', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('deals_account_closed')
      .on('deals')
      .columns(['account_id', 'closed_at'])
      .execute();
    await db.schema
      .createIndex('deals_stage')
      .on('deals')
      .columns(['account_id', 'stage_id', 'deleted_at'])
      .execute();
    await db.schema.createIndex('deals_pipeline').on('deals').column('pipeline_id').execute();
  },
});
