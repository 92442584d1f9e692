import { type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * Incoming leads (amoCRM's "Неразобранное"): the sources leads arrive from, the entries
 * themselves (kept after accept / decline, for the log), the web forms and their per-IP throttle,
 * and the conversations of messenger and mail channels with their messages.
 */
export const inbox = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await withId(db.schema.createTable('incoming_sources'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('source_uid', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('pipeline_id', 'bigint')
      // Auto-accept: entries from this source go straight into this stage.
      .addColumn('auto_accept_stage_id', 'bigint')
      .addColumn('auto_accept_user_id', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incoming_sources_uid')
      .on('incoming_sources')
      .columns(['account_id', 'category', 'source_uid'])
      .unique()
      .execute();

    await withId(db.schema.createTable('incoming_leads'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('source_id', 'bigint', (c) => c.notNull())
      .addColumn('pipeline_id', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('deal_id', 'bigint')
      .addColumn('contact_id', 'bigint')
      .addColumn('company_id', 'bigint')
      // 1 when the contact was created for this entry (not an existing one found by duplicate control).
      .addColumn('contact_is_new', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('duplicates', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('linked_deal_id', 'bigint')
      .addColumn('decided_by', 'bigint')
      .addColumn('decided_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incoming_leads_list')
      .on('incoming_leads')
      .columns(['account_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('incoming_leads_pipeline')
      .on('incoming_leads')
      .columns(['account_id', 'pipeline_id', 'created_at'])
      .execute();
    await db.schema.createIndex('incoming_leads_deal').on('incoming_leads').columns(['deal_id']).execute();

    await withId(db.schema.createTable('web_forms'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      // The public key in the hosted page's URL and the embed snippet.
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('pipeline_id', 'bigint')
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('web_forms_account').on('web_forms').columns(['account_id']).execute();

    await db.schema
      .createTable('form_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('conversations'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      // The chat id (Telegram) or thread key (mail) on the channel's side.
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_id', 'bigint')
      .addColumn('deal_id', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('conversations_external')
      .on('conversations')
      .columns(['account_id', 'channel', 'external_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('conversations_contact')
      .on('conversations')
      .columns(['account_id', 'contact_id'])
      .execute();

    await withId(db.schema.createTable('messages'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('conversation_id', 'bigint', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('author_user_id', 'bigint')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('messages_conversation')
      .on('messages')
      .columns(['conversation_id', 'id'])
      .execute();
    // An incoming message delivered twice (webhook retry, poller restart) is stored once.
    await db.schema
      .createIndex('messages_external')
      .on('messages')
      .columns(['conversation_id', 'direction', 'external_id'])
      .unique()
      .execute();

    await db.schema
      .createTable('channel_settings')
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('channel_settings_pk', ['account_id', 'channel'])
      .execute();
  },
});
