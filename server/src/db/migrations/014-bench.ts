import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Indexes found missing by `npm run bench` on a million deals (EXPLAIN QUERY PLAN / ANALYZE):
 * - the tags of a page of entities (the list presenters ask by account, type and entity ids; the
 *   primary key starts with entity_type, so the planner scanned every tag row of the account);
 * - a phone or e-mail looked up by its normalised value within one entity type (search by a
 *   whole phone number, duplicate control): with account and type as well as the value, the
 *   planner prefers it to the (account, type, entity) index even without statistics;
 * - a stage's deals in id order (the default order of GET /api/v4/leads filtered by status),
 *   which PostgreSQL otherwise sorts in full (SQLite's rowid made the older index ordered).
 */
export const bench = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('entity_tags_entity')
      .on('entity_tags')
      .columns(['account_id', 'entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('field_values_type_norm')
      .on('field_values')
      .columns(['account_id', 'entity_type', 'value_norm'])
      .execute();
    await db.schema.dropIndex('deals_stage').execute();
    await db.schema
      .createIndex('deals_stage')
      .on('deals')
      .columns(['account_id', 'stage_id', 'deleted_at', 'id'])
      .execute();
  },
});
