import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Which app node ran an automation run (`host:pid`), so the run log can tell the nodes of a
 * multi-process deployment apart, and so the two-node test can show that both took work.
 */
export const gaps = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('automation_runs').addColumn('ran_by', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('automation_runs').dropColumn('ran_by').execute();
  },
});
