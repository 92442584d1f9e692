import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * The board: saved filter presets per user, and an index that serves a column's cards (stage,
 * board order) without walking the pipeline's other stages.
 */
export const board = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await withId(db.schema.createTable('deal_filter_presets'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('deal_filter_presets_user')
      .on('deal_filter_presets')
      .columns(['account_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('deals_stage_position')
      .on('deals')
      .columns(['account_id', 'stage_id', 'deleted_at', 'position', 'id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('deals_stage_position').execute();
    await db.schema.dropTable('deal_filter_presets').execute();
  },
});
