import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * Duplicate control: the account's settings (what arrivals and manual creation do about a
 * likely duplicate), the merges done (with what undo needs to restore the merged-away record
 * and re-point its links), the inbox's distribution rule per pipeline, and an index that groups
 * companies by name without reading the deleted ones.
 */
export const duplicates = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('duplicate_settings')
      .addColumn('account_id', 'bigint', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      // off | warn | merge
      .addColumn('arrivals', 'text', (c) => c.notNull())
      .addColumn('manual', 'text', (c) => c.notNull())
      // 1: an arrival from a known contact with an open deal joins that deal instead of a new one.
      .addColumn('merge_open_deal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('entity_merges'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('survivor_id', 'bigint', (c) => c.notNull())
      .addColumn('merged_id', 'bigint', (c) => c.notNull())
      // JSON: the survivor's row and values before, and every row re-pointed (see merge-records.ts).
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('undone_at', 'bigint')
      .addColumn('undone_by', 'bigint')
      .execute();
    await db.schema
      .createIndex('entity_merges_account')
      .on('entity_merges')
      .columns(['account_id', 'entity_type', 'id'])
      .execute();
    await db.schema
      .createIndex('entity_merges_survivor')
      .on('entity_merges')
      .columns(['account_id', 'entity_type', 'survivor_id'])
      .execute();

    await db.schema
      .createTable('pipeline_distribution')
      .addColumn('pipeline_id', 'bigint', (c) =>
        c.primaryKey().references('pipelines.id').onDelete('cascade'),
      )
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      // JSON: a responsible reference of the automation engine (user, round robin, ...).
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createIndex('companies_live_name')
      .on('companies')
      .columns(['account_id', 'deleted_at', 'name_lc'])
      .execute();
    await db.schema
      .createIndex('contacts_live_name')
      .on('contacts')
      .columns(['account_id', 'deleted_at', 'name_lc'])
      .execute();
  },
});
