import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Found by `npm run bench` (issue 4, the board's first load): the board meta lists the account's
 * deal sources, and `select distinct source` read every deal of the account (126 ms at 300,000
 * deals, on every board load). With this index the list is a walk from one source to the next
 * (board-meta.ts), one index seek per distinct source.
 */
export const dealSources = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('deals_source')
      .on('deals')
      .columns(['account_id', 'source'])
      .where(sql<boolean>`source is not null`)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('deals_source').execute();
  },
});
