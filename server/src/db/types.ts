import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AutomationTables } from './types-automation.ts';
import type { BoardTables } from './types-board.ts';
import type { CrmTables } from './types-crm.ts';
import type { DuplicatesTables } from './types-duplicates.ts';
import type { EmailTables } from './types-email.ts';
import type { RightsTables } from './types-rights.ts';
import type { InboxTables } from './types-inbox.ts';
import type { LeadsTables } from './types-leads.ts';
import type {} from './types-api.ts';

/** 0/1 integer columns: booleans are stored the same way on SQLite and PostgreSQL. */
export type Flag = 0 | 1;

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  subdomain: string;
  currency: string;
  timezone: string;
  locale: string;
  country: string;
  created_at: number;
  updated_at: number;
}

export interface UserGroupsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  created_at: number;
}

export interface RolesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  rights: string;
  created_at: number;
  /** Added by migration 009-rights. */
  updated_at: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  email: string;
  password_hash: string;
  lang: string;
  is_active: number;
  is_admin: number;
  role_id: number | null;
  group_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: number;
  locked_until: number | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface IntegrationsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  client_id: string;
  client_secret_hash: string;
  redirect_uri: string;
  created_by: number;
  created_at: number;
  revoked_at: number | null;
}

export interface OauthCodesTable {
  code_hash: string;
  account_id: number;
  integration_id: number;
  user_id: number;
  redirect_uri: string;
  expires_at: number;
  used_at: number | null;
}

export interface OauthRefreshTokensTable {
  token_hash: string;
  account_id: number;
  integration_id: number;
  user_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  data: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled';
  /** unix ms: when a waiting job is due, or the lease deadline while it is active */
  run_at: number;
  attempts: Generated<number>;
  retry_limit: number;
  retry_delay_ms: number;
  retry_backoff: number;
  lease_ms: number;
  singleton_key: string | null;
  cancel_key: string | null;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
}

export interface DB
  extends
    CrmTables,
    AutomationTables,
    RightsTables,
    InboxTables,
    BoardTables,
    EmailTables,
    DuplicatesTables,
    LeadsTables {
  accounts: AccountsTable;
  user_groups: UserGroupsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
  integrations: IntegrationsTable;
  oauth_codes: OauthCodesTable;
  oauth_refresh_tokens: OauthRefreshTokensTable;
  jobs: JobsTable;
}

export type Account = Selectable<AccountsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
