import type { Selectable } from 'kysely';

/** How an incoming lead arrived, for per-channel auto-accept (`api`: POST /api/v4/leads/unsorted/*). */
export type InboxChannel = 'forms' | 'sip' | 'mail' | 'chats' | 'api';

export interface InboxAutoAcceptTable {
  pipeline_id: number;
  channel: InboxChannel;
  account_id: number;
  stage_id: number;
  user_id: number | null;
  updated_at: number;
}

/** Tables added by migration 022-leads. */
export interface LeadsTables {
  inbox_auto_accept: InboxAutoAcceptTable;
}

export type InboxAutoAccept = Selectable<InboxAutoAcceptTable>;
