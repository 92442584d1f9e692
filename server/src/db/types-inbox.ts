import type { Generated, Selectable } from 'kysely';

/** amoCRM's unsorted categories: calls, web forms, messenger chats, mail. */
export type IncomingCategory = 'sip' | 'forms' | 'chats' | 'mail';
/** new: waiting in the inbox; the rest are decisions, kept for the log. */
export type IncomingStatus = 'new' | 'accepted' | 'declined' | 'linked';

export interface IncomingSourcesTable {
  id: Generated<number>;
  account_id: number;
  category: IncomingCategory;
  source_uid: string;
  name: string;
  pipeline_id: number | null;
  auto_accept_stage_id: number | null;
  auto_accept_user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface IncomingLeadsTable {
  id: Generated<number>;
  account_id: number;
  uid: string;
  category: IncomingCategory;
  source_id: number;
  pipeline_id: number;
  status: IncomingStatus;
  deal_id: number | null;
  contact_id: number | null;
  company_id: number | null;
  contact_is_new: Generated<number>;
  /** JSON: amoCRM's metadata of the category (form page, IP, call phone, ...). */
  metadata: Generated<string>;
  /** JSON: what arrived, as it arrived (contact name, phones, e-mails, message, form answers). */
  payload: Generated<string>;
  /** JSON: [{ entity_type, id, name, matched_by }] found by duplicate control on arrival. */
  duplicates: Generated<string>;
  linked_deal_id: number | null;
  decided_by: number | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebFormsTable {
  id: Generated<number>;
  account_id: number;
  uid: string;
  name: string;
  lang: string;
  pipeline_id: number | null;
  /** JSON: fields, consent, thank-you text or redirect (FormSettings in forms.schema.ts). */
  settings: string;
  is_active: Generated<number>;
  created_by: Generated<number>;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface FormThrottleTable {
  key: string;
  window_start: number;
  hits: number;
}

export interface ConversationsTable {
  id: Generated<number>;
  account_id: number;
  channel: string;
  external_id: string;
  title: Generated<string>;
  contact_id: number | null;
  deal_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface MessagesTable {
  id: Generated<number>;
  account_id: number;
  conversation_id: number;
  /** The deal the conversation was on when the message was written (migration 015). */
  deal_id: number | null;
  direction: 'in' | 'out';
  external_id: string | null;
  author_user_id: number | null;
  text: string;
  meta: Generated<string>;
  status: 'received' | 'queued' | 'sent' | 'failed';
  error: string | null;
  created_at: number;
}

export interface ChannelSettingsTable {
  account_id: number;
  channel: string;
  settings: string;
  state: Generated<string>;
  updated_at: number;
}

export interface InboxTables {
  incoming_sources: IncomingSourcesTable;
  incoming_leads: IncomingLeadsTable;
  web_forms: WebFormsTable;
  form_throttle: FormThrottleTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  channel_settings: ChannelSettingsTable;
}

export type IncomingSource = Selectable<IncomingSourcesTable>;
export type IncomingLead = Selectable<IncomingLeadsTable>;
export type WebForm = Selectable<WebFormsTable>;
export type Conversation = Selectable<ConversationsTable>;
export type Message = Selectable<MessagesTable>;
