import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Found by `npm run bench` (issue 5, 10,000 deals into a stage with three triggers): the SQLite
 * queue's claim read every due job of its name and sorted them (jobs_due cannot give waiting
 * jobs in due order across two states), so each claim cost more the longer the backlog grew and
 * a burst of 30,000 runs slowed to a crawl. The partial index holds only waiting jobs, in due
 * order: a claim reads the rows it takes and no others, also with 100,000 delayed jobs pending.
 * (PostgreSQL's queue is pg-boss; the table stays empty there.)
 */
export const jobClaim = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('jobs_waiting')
      .on('jobs')
      .columns(['name', 'run_at', 'id'])
      .where(sql<boolean>`state in ('created', 'retry')`)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('jobs_waiting').execute();
  },
});
