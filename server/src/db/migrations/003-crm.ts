import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

const acct = 'account_id';

/** Starts a table's ids at `start` (stage ids must never collide with amoCRM's 142 / 143). */
async function startIdsAt(db: Kysely<unknown>, dialect: Dialect, table: string, start: number) {
  if (dialect === 'postgres') {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${start - 1}, true)`.execute(db);
  } else {
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${start - 1})`.execute(db);
  }
}

/**
 * The CRM core. Conventions (ADR 001): 0/1 integer flags, bigint unix-second timestamps, JSON in
 * text columns only for documents never filtered on; `*_lc` columns hold JS-lower-cased text for
 * case-insensitive search that folds Cyrillic on both databases.
 */
export const crm = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const accountRef = (t: ReturnType<typeof db.schema.createTable>) =>
      t.addColumn(acct, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'));

    await accountRef(withId(db.schema.createTable('pipelines'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_unsorted_on', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_archive', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pipelines_account').on('pipelines').column(acct).execute();

    // kind: incoming (amoCRM type 1), open, won (exposed as 142), lost (exposed as 143).
    await accountRef(withId(db.schema.createTable('stages'), dialect))
      .addColumn('pipeline_id', 'bigint', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('color', 'text', (c) => c.notNull().defaultTo('#99ccff'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('stages_pipeline')
      .on('stages')
      .columns([acct, 'pipeline_id', 'sort'])
      .execute();
    await startIdsAt(db, dialect, 'stages', 1000);

    await accountRef(withId(db.schema.createTable('loss_reasons'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('loss_reasons_account').on('loss_reasons').column(acct).execute();

    await accountRef(withId(db.schema.createTable('companies'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', 'text', (c) => c.notNull())
      .addColumn('responsible_user_id', 'bigint')
      .addColumn('group_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('closest_task_at', 'bigint')
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('companies_account_updated')
      .on('companies')
      .columns([acct, 'updated_at'])
      .execute();
    await db.schema.createIndex('companies_name').on('companies').columns([acct, 'name_lc']).execute();

    await accountRef(withId(db.schema.createTable('contacts'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('company_id', 'bigint', (c) => c.references('companies.id').onDelete('set null'))
      .addColumn('responsible_user_id', 'bigint')
      .addColumn('group_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('closest_task_at', 'bigint')
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('contacts_account_updated')
      .on('contacts')
      .columns([acct, 'updated_at'])
      .execute();
    await db.schema.createIndex('contacts_name').on('contacts').columns([acct, 'name_lc']).execute();
    await db.schema.createIndex('contacts_company').on('contacts').column('company_id').execute();

    // position: fractional board order within a stage (a move writes one row).
    await accountRef(withId(db.schema.createTable('deals'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', 'text', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('responsible_user_id', 'bigint')
      .addColumn('group_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('pipeline_id', 'bigint', (c) => c.notNull().references('pipelines.id'))
      .addColumn('stage_id', 'bigint', (c) => c.notNull().references('stages.id'))
      .addColumn('position', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('stage_entered_at', 'bigint', (c) => c.notNull())
      .addColumn('loss_reason_id', 'bigint', (c) => c.references('loss_reasons.id').onDelete('set null'))
      .addColumn('company_id', 'bigint', (c) => c.references('companies.id').onDelete('set null'))
      .addColumn('source', 'text')
      .addColumn('utm_source', 'text')
      .addColumn('utm_medium', 'text')
      .addColumn('utm_campaign', 'text')
      .addColumn('utm_content', 'text')
      .addColumn('utm_term', 'text')
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .addColumn('closest_task_at', 'bigint')
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('deals_board')
      .on('deals')
      .columns([acct, 'pipeline_id', 'stage_id', 'deleted_at', 'position'])
      .execute();
    await db.schema.createIndex('deals_account_updated').on('deals').columns([acct, 'updated_at']).execute();
    await db.schema.createIndex('deals_account_created').on('deals').columns([acct, 'created_at']).execute();
    await db.schema
      .createIndex('deals_responsible')
      .on('deals')
      .columns([acct, 'responsible_user_id'])
      .execute();
    await db.schema.createIndex('deals_name').on('deals').columns([acct, 'name_lc']).execute();
    await db.schema.createIndex('deals_company').on('deals').column('company_id').execute();

    await db.schema
      .createTable('deal_contacts')
      .addColumn(acct, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('deal_id', 'bigint', (c) => c.notNull().references('deals.id').onDelete('cascade'))
      .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
      .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('deal_contacts_pk', ['deal_id', 'contact_id'])
      .execute();
    await db.schema.createIndex('deal_contacts_contact').on('deal_contacts').column('contact_id').execute();

    // entity_type everywhere: 'leads' | 'contacts' | 'companies' (the amoCRM names, one vocabulary).
    await db.schema
      .createTable('custom_field_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn(acct, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_predefined', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('custom_field_groups_account')
      .on('custom_field_groups')
      .columns([acct, 'entity_type'])
      .execute();

    await accountRef(withId(db.schema.createTable('custom_fields'), dialect))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('group_id', 'text')
      .addColumn('is_api_only', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_predefined', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_deletable', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('required_statuses', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('custom_fields_account')
      .on('custom_fields')
      .columns([acct, 'entity_type'])
      .execute();

    await accountRef(withId(db.schema.createTable('custom_field_enums'), dialect))
      .addColumn('field_id', 'bigint', (c) => c.notNull().references('custom_fields.id').onDelete('cascade'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('code', 'text')
      .execute();
    await db.schema
      .createIndex('custom_field_enums_field')
      .on('custom_field_enums')
      .column('field_id')
      .execute();

    // One row per value (multi-values are several rows): filtering and sorting use the typed,
    // indexed columns, never a scan of JSON. value_norm: E.164 phone or lower-cased e-mail.
    await accountRef(withId(db.schema.createTable('field_values'), dialect))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'bigint', (c) => c.notNull())
      .addColumn('field_id', 'bigint', (c) => c.notNull().references('custom_fields.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enum_id', 'bigint')
      .addColumn('enum_code', 'text')
      .addColumn('value_text', 'text')
      .addColumn('value_lc', 'text')
      .addColumn('value_num', 'double precision')
      .addColumn('value_norm', 'text')
      .addColumn('extra', 'text')
      .execute();
    await db.schema
      .createIndex('field_values_entity')
      .on('field_values')
      .columns(['entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('field_values_num')
      .on('field_values')
      .columns([acct, 'field_id', 'value_num'])
      .execute();
    await db.schema
      .createIndex('field_values_lc')
      .on('field_values')
      .columns([acct, 'field_id', 'value_lc'])
      .execute();
    await db.schema
      .createIndex('field_values_norm')
      .on('field_values')
      .columns([acct, 'value_norm'])
      .execute();
    await db.schema
      .createIndex('field_values_enum')
      .on('field_values')
      .columns([acct, 'field_id', 'enum_id'])
      .execute();

    await accountRef(withId(db.schema.createTable('tags'), dialect))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', 'text', (c) => c.notNull())
      .addColumn('color', 'text')
      .execute();
    await db.schema
      .createIndex('tags_unique')
      .on('tags')
      .columns([acct, 'entity_type', 'name_lc'])
      .unique()
      .execute();

    await db.schema
      .createTable('entity_tags')
      .addColumn(acct, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'bigint', (c) => c.notNull())
      .addColumn('tag_id', 'bigint', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('entity_tags_pk', ['entity_type', 'entity_id', 'tag_id'])
      .execute();
    await db.schema.createIndex('entity_tags_tag').on('entity_tags').columns([acct, 'tag_id']).execute();

    await accountRef(withId(db.schema.createTable('task_types'), dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('color', 'text')
      .addColumn('icon_id', 'integer')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('task_types_account').on('task_types').column(acct).execute();

    await accountRef(withId(db.schema.createTable('tasks'), dialect))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('task_type_id', 'bigint', (c) => c.notNull())
      .addColumn('complete_till', 'bigint', (c) => c.notNull())
      .addColumn('duration', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('responsible_user_id', 'bigint', (c) => c.notNull())
      .addColumn('group_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'bigint')
      .addColumn('is_completed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('result_text', 'text')
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('tasks_entity').on('tasks').columns(['entity_type', 'entity_id']).execute();
    await db.schema
      .createIndex('tasks_due')
      .on('tasks')
      .columns([acct, 'is_completed', 'complete_till'])
      .execute();
    await db.schema
      .createIndex('tasks_responsible')
      .on('tasks')
      .columns([acct, 'responsible_user_id'])
      .execute();

    await accountRef(withId(db.schema.createTable('notes'), dialect))
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'bigint', (c) => c.notNull())
      .addColumn('note_type', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('is_pinned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('responsible_user_id', 'bigint')
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notes_entity')
      .on('notes')
      .columns(['entity_type', 'entity_id', 'created_at'])
      .execute();

    // The one source of truth for timelines, audit log, webhooks and triggers.
    await accountRef(withId(db.schema.createTable('events'), dialect))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('value_before', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('value_after', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createIndex('events_entity')
      .on('events')
      .columns([acct, 'entity_type', 'entity_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('events_account_created')
      .on('events')
      .columns([acct, 'created_at'])
      .execute();
    await db.schema.createIndex('events_type').on('events').columns([acct, 'type', 'created_at']).execute();

    await accountRef(withId(db.schema.createTable('webhooks'), dialect))
      .addColumn('destination', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().defaultTo('amocrm'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('disabled_reason', 'text')
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhooks_account').on('webhooks').column(acct).execute();

    await accountRef(withId(db.schema.createTable('webhook_deliveries'), dialect))
      .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('event_id', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('response_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_hook')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'created_at'])
      .execute();
  },
});
