import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * In-app notifications and the digital pipeline: triggers, their runs (the run log and the
 * exactly-once guard of every delayed action), the depth of robot-made events (loop guard),
 * per-account delivery settings and questionnaires. The automation dispatcher reads events after
 * its own cursor in `webhook_cursors` (name 'automation'), starting after the existing history.
 */
export const automation = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const account = (t: ReturnType<typeof db.schema.createTable>) =>
      t.addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'));

    await account(withId(db.schema.createTable('notifications'), dialect))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('link', 'text')
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'bigint')
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('notifications_user')
      .on('notifications')
      .columns(['account_id', 'user_id', 'id'])
      .execute();

    await account(withId(db.schema.createTable('automation_triggers'), dialect))
      .addColumn('pipeline_id', 'bigint', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
      .addColumn('stage_id', 'bigint', (c) => c.references('stages.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('when_json', 'text', (c) => c.notNull())
      .addColumn('delay_json', 'text', (c) => c.notNull())
      .addColumn('conditions_json', 'text', (c) => c.notNull())
      .addColumn('action_type', 'text', (c) => c.notNull())
      .addColumn('action_json', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('run_if_left', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('apply_to_existing', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('automation_triggers_pipeline')
      .on('automation_triggers')
      .columns(['account_id', 'pipeline_id', 'deleted_at'])
      .execute();

    await account(withId(db.schema.createTable('automation_runs'), dialect))
      .addColumn('trigger_id', 'bigint', (c) =>
        c.notNull().references('automation_triggers.id').onDelete('cascade'),
      )
      .addColumn('deal_id', 'bigint', (c) => c.notNull())
      .addColumn('stage_id', 'bigint', (c) => c.notNull())
      .addColumn('signal', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
      .addColumn('ran_at', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('result_json', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('automation_runs_trigger')
      .on('automation_runs')
      .columns(['account_id', 'trigger_id', 'id'])
      .execute();
    await db.schema
      .createIndex('automation_runs_deal')
      .on('automation_runs')
      .columns(['account_id', 'deal_id', 'status'])
      .execute();

    await db.schema
      .createTable('automation_event_depth')
      .addColumn('event_id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('depth', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('automation_settings')
      .addColumn('account_id', 'bigint', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await account(withId(db.schema.createTable('automation_questionnaires'), dialect))
      .addColumn('deal_id', 'bigint', (c) => c.notNull())
      .addColumn('trigger_id', 'bigint', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('form_json', 'text', (c) => c.notNull())
      .addColumn('answers_json', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .execute();

    // Triggers react to the changes made after they exist, not to the history before.
    await sql`INSERT INTO webhook_cursors (name, last_event_id, updated_at)
      SELECT 'automation', COALESCE(MAX(id), 0), 0 FROM events`.execute(db);
  },
});
