import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * Access rights and process rules. Role rights stay a JSON document in `roles.rights` (read
 * whole, never filtered on); `roles.updated_at` for the settings screen. `process_rules` holds
 * the regulation of each pipeline / stage (required fields, loss reason, validations, time
 * limits, reanimation), one zod-validated JSON config per row. `stage_limit_alerts` makes the
 * "stayed too long" alert fire once per stay. `deals.reanimated_from_id` links a re-created deal
 * to the one it replaced.
 */
export const rights = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('roles')
      .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('deals').addColumn('reanimated_from_id', 'bigint').execute();

    await withId(db.schema.createTable('process_rules'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pipeline_id', 'bigint', (c) => c.references('pipelines.id').onDelete('cascade'))
      .addColumn('stage_id', 'bigint', (c) => c.references('stages.id').onDelete('cascade'))
      .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('process_rules_account')
      .on('process_rules')
      .columns(['account_id', 'kind'])
      .execute();

    await db.schema
      .createTable('stage_limit_alerts')
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('deal_id', 'bigint', (c) => c.notNull().references('deals.id').onDelete('cascade'))
      .addColumn('stage_id', 'bigint', (c) => c.notNull())
      .addColumn('stage_entered_at', 'bigint', (c) => c.notNull())
      .addColumn('alerted_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stage_limit_alerts_pk', ['deal_id', 'stage_id', 'stage_entered_at'])
      .execute();

    // The audit log filters events by author and period.
    await db.schema
      .createIndex('events_author')
      .on('events')
      .columns(['account_id', 'created_by', 'created_at'])
      .execute();
  },
});
