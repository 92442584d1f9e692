import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Custom fields: a field code (PHONE, EMAIL, ...) is unique among the live fields of an entity
 * type, so the lazily created predefined fields cannot be made twice by two concurrent first
 * uses (they insert with ON CONFLICT DO NOTHING). Plus the created-at filter of contacts and
 * companies and the tag lookup of an entity.
 */
export const fields = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await sql`CREATE UNIQUE INDEX custom_fields_code ON custom_fields (account_id, entity_type, code) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await db.schema
      .createIndex('contacts_account_created')
      .on('contacts')
      .columns(['account_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('companies_account_created')
      .on('companies')
      .columns(['account_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('field_values_entity_field')
      .on('field_values')
      .columns(['account_id', 'entity_type', 'entity_id', 'field_id'])
      .execute();
  },
});
