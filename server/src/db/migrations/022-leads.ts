import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Auto-accept of incoming leads per pipeline and channel (web forms, calls, mail, chats, the
 * API): an arrival by that channel skips the inbox and goes straight into the stage, through
 * the same accept command as a manager's click. A source's own auto-accept (incoming_sources)
 * still wins over its pipeline's channel rule.
 */
export const leads = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('inbox_auto_accept')
      .addColumn('pipeline_id', 'bigint', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('stage_id', 'bigint', (c) => c.notNull())
      // null: the pipeline's distribution rule picks the responsible user.
      .addColumn('user_id', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('inbox_auto_accept_pk', ['pipeline_id', 'channel'])
      .execute();
    await db.schema
      .createIndex('inbox_auto_accept_account')
      .on('inbox_auto_accept')
      .columns(['account_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('inbox_auto_accept').execute();
  },
});
