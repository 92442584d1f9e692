import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Found by `npm run bench` (issue 5, 30,000 actions in a burst): each run wrote a feed note (a
 * note row and its `note.added` event) and then looked up the events it had made to record
 * their chain depth in `automation_event_depth` (three more statements). Now:
 * - an event written inside a run carries the run's depth in its own row (`automation_depth`);
 * - the deal feed reads finished runs from `automation_runs`, labelled by `feed_label` (the
 *   trigger's name when it ran). Runs from before this migration have none: their feed line is
 *   the note they wrote then, which stays.
 */
export const robotFeed = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('events').addColumn('automation_depth', 'integer').execute();
    await sql`UPDATE events SET automation_depth =
                (SELECT d.depth FROM automation_event_depth d WHERE d.event_id = events.id)
              WHERE id IN (SELECT event_id FROM automation_event_depth)`.execute(db);
    await db.schema.dropTable('automation_event_depth').execute();
    await db.schema.alterTable('automation_runs').addColumn('feed_label', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('automation_runs').dropColumn('feed_label').execute();
    await db.schema
      .createTable('automation_event_depth')
      .addColumn('event_id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('depth', 'integer', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO automation_event_depth (event_id, account_id, depth)
              SELECT id, account_id, automation_depth FROM events WHERE automation_depth IS NOT NULL`.execute(
      db,
    );
    await db.schema.alterTable('events').dropColumn('automation_depth').execute();
  },
});
