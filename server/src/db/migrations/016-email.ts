import { type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { withId } from '../schema-helpers.ts';

/**
 * Email: the connected mailboxes (IMAP in, SMTP out; passwords encrypted with the server's secret
 * key; the IMAP sync position, so a restart neither loses nor repeats mail) and every mail in or
 * out, with its threading headers and the deal it belongs to.
 */
export const email = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await withId(db.schema.createTable('mailboxes'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      // null: the account's shared mailbox; else a manager's own.
      .addColumn('user_id', 'bigint')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('imap_host', 'text', (c) => c.notNull())
      .addColumn('imap_port', 'integer', (c) => c.notNull())
      .addColumn('imap_tls', 'integer', (c) => c.notNull())
      .addColumn('imap_user', 'text', (c) => c.notNull())
      .addColumn('imap_password', 'text', (c) => c.notNull())
      .addColumn('imap_folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
      .addColumn('smtp_host', 'text', (c) => c.notNull())
      .addColumn('smtp_port', 'integer', (c) => c.notNull())
      .addColumn('smtp_tls', 'integer', (c) => c.notNull())
      .addColumn('smtp_user', 'text', (c) => c.notNull())
      .addColumn('smtp_password', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      // ok | connecting | error | paused: what Settings shows.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_error', 'text')
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_sync_at', 'bigint')
      .addColumn('synced_at', 'bigint')
      // The IMAP folder's UIDVALIDITY and the last UID taken from it.
      .addColumn('uid_validity', 'text')
      .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mailboxes_account').on('mailboxes').columns(['account_id']).execute();

    await withId(db.schema.createTable('mail_messages'), dialect)
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      // No foreign key: a disconnected mailbox's mail stays on the deals' timelines.
      .addColumn('mailbox_id', 'bigint', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      // The Message-ID header without angle brackets.
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('in_reply_to', 'text')
      // JSON array of Message-IDs, oldest first.
      .addColumn('refs', 'text', (c) => c.notNull().defaultTo('[]'))
      // The Message-ID of the thread's first mail we know of.
      .addColumn('thread_id', 'text', (c) => c.notNull())
      .addColumn('imap_uid', 'bigint')
      .addColumn('from_email', 'text', (c) => c.notNull())
      .addColumn('from_name', 'text', (c) => c.notNull().defaultTo(''))
      // JSON arrays of { email, name }.
      .addColumn('to_list', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('cc_list', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('text_body', 'text', (c) => c.notNull().defaultTo(''))
      // As it arrived; shown only in a sandboxed frame.
      .addColumn('html_body', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('deal_id', 'bigint')
      .addColumn('contact_id', 'bigint')
      .addColumn('note_id', 'bigint')
      .addColumn('incoming_lead_uid', 'text')
      // received | queued | sent | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('author_user_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // The same mail seen twice (a restart mid-sync, a changed UIDVALIDITY) is stored once.
    await db.schema
      .createIndex('mail_messages_message_id')
      .on('mail_messages')
      .columns(['mailbox_id', 'direction', 'message_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('mail_messages_lookup')
      .on('mail_messages')
      .columns(['account_id', 'message_id'])
      .execute();
    await db.schema
      .createIndex('mail_messages_deal')
      .on('mail_messages')
      .columns(['account_id', 'deal_id', 'id'])
      .execute();
  },
});
