import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Found by `npm run bench` (issue 5, a burst on a database of 100,000 generated deals): the
 * earliest open deadline of one deal or contact (`closest_task_at`, refreshed whenever one of
 * its tasks is added, completed or moved) had only tasks_entity (entity_type, entity_id) and
 * tasks_due (account_id, is_completed, complete_till) to choose from. With statistics from when
 * the table was small, SQLite took tasks_due and walked the account's open tasks in deadline
 * order looking for the entity's: 3.5 ms a task instead of 5 µs, the bench's largest cost.
 * This index answers it with one seek whatever the statistics say: every column is an equality
 * except the one min() reads first.
 */
export const taskDeadlines = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('tasks_entity_open')
      .on('tasks')
      .columns(['account_id', 'entity_type', 'entity_id', 'is_completed', 'complete_till'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('tasks_entity_open').execute();
  },
});
