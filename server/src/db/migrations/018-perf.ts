import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Found by `npm run bench` (issue 4: the board of a pipeline of 100k deals):
 * - the count and budget sum of every column (GET /api/app/board) read each deal row of the
 *   pipeline, because the price was not in any index: with it, the totals are an index-only scan
 *   in stage order (SQLite: COVERING INDEX, no temporary b-tree; PostgreSQL: Index Only Scan).
 */
export const perf = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('deals_pipeline_totals')
      .on('deals')
      .columns(['account_id', 'pipeline_id', 'deleted_at', 'stage_id', 'price'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('deals_pipeline_totals').execute();
  },
});
