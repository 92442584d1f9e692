import type { Generated, Selectable } from 'kysely';

export type MailboxStatus = 'ok' | 'connecting' | 'error' | 'paused';
export type MailDirection = 'in' | 'out';
export type MailStatus = 'received' | 'queued' | 'sent' | 'failed';

export interface MailboxesTable {
  id: Generated<number>;
  account_id: number;
  /** null: the account's shared mailbox; else the manager's own. */
  user_id: number | null;
  name: string;
  email: string;
  imap_host: string;
  imap_port: number;
  imap_tls: number;
  imap_user: string;
  /** Encrypted with the server's secret key (lib/secret-box.ts); never leaves the server. */
  imap_password: string;
  imap_folder: Generated<string>;
  smtp_host: string;
  smtp_port: number;
  smtp_tls: number;
  smtp_user: string;
  smtp_password: string;
  is_active: Generated<number>;
  status: MailboxStatus;
  status_error: string | null;
  failures: Generated<number>;
  next_sync_at: number | null;
  synced_at: number | null;
  uid_validity: string | null;
  last_uid: Generated<number>;
  created_by: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface MailMessagesTable {
  id: Generated<number>;
  account_id: number;
  mailbox_id: number;
  direction: MailDirection;
  message_id: string;
  in_reply_to: string | null;
  /** JSON array of Message-IDs, oldest first. */
  refs: Generated<string>;
  thread_id: string;
  imap_uid: number | null;
  from_email: string;
  from_name: Generated<string>;
  /** JSON arrays of { email, name }. */
  to_list: Generated<string>;
  cc_list: Generated<string>;
  subject: Generated<string>;
  text_body: Generated<string>;
  html_body: string | null;
  /** JSON array of { filename, content_type, size }. */
  attachments: Generated<string>;
  deal_id: number | null;
  contact_id: number | null;
  note_id: number | null;
  incoming_lead_uid: string | null;
  status: MailStatus;
  error: string | null;
  author_user_id: Generated<number>;
  sent_at: number;
  created_at: number;
}

export interface EmailTables {
  mailboxes: MailboxesTable;
  mail_messages: MailMessagesTable;
}

export type Mailbox = Selectable<MailboxesTable>;
export type MailMessage = Selectable<MailMessagesTable>;
