import type { Generated, Selectable } from 'kysely';

/** In-app notifications (bell in the app frame): one row per recipient. */
export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  /** What raised it: `automation`, `task`, `inbox`, ... (free text, for icons and filters). */
  kind: string;
  title: string;
  body: Generated<string>;
  /** An app path to open, e.g. `/deals/42`. */
  link: string | null;
  entity_type: string | null;
  entity_id: number | null;
  created_by: Generated<number>;
  created_at: number;
  read_at: number | null;
}

/** A digital-pipeline trigger: when + delay + conditions + one action, on a stage or a whole pipeline. */
export interface AutomationTriggersTable {
  id: Generated<number>;
  account_id: number;
  pipeline_id: number;
  /** null: every stage of the pipeline. */
  stage_id: number | null;
  name: Generated<string>;
  /** JSON documents validated by common/src/automation.ts. */
  when_json: string;
  delay_json: string;
  conditions_json: string;
  action_type: string;
  action_json: string;
  is_active: Generated<number>;
  run_if_left: Generated<number>;
  apply_to_existing: Generated<number>;
  sort: Generated<number>;
  created_by: Generated<number>;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export type AutomationRunStatus = 'scheduled' | 'retrying' | 'done' | 'skipped' | 'cancelled' | 'failed';

/** One firing of a trigger for a deal: scheduled, then done / skipped / cancelled / failed. */
export interface AutomationRunsTable {
  id: Generated<number>;
  account_id: number;
  trigger_id: number;
  deal_id: number;
  /** The stage the deal was in when the trigger fired (the run is cancelled when it leaves). */
  stage_id: number;
  /** The signal that fired it: `moved_into`, `email_opened`, `existing`, ... */
  signal: string;
  status: AutomationRunStatus;
  /** Chain depth: a run caused by another run's change is one deeper. */
  depth: Generated<number>;
  scheduled_at: number;
  ran_at: number | null;
  /** The app node (`host:pid`) that claimed the latest attempt (migration 019). */
  ran_by: string | null;
  attempts: Generated<number>;
  error: string | null;
  result_json: string | null;
  created_at: number;
  /**
   * The trigger's name when the run finished: the run's line in the deal feed (migration 025).
   * Null while it waits, and for runs from before 025, whose line is a note.
   */
  feed_label: string | null;
}

/** Per-account delivery settings (SMTP, SMS gateway, GA4, working hours); secrets never returned. */
export interface AutomationSettingsTable {
  account_id: number;
  settings_json: string;
  updated_at: number;
}

/** A questionnaire sent to a client: its public token, questions and, once filled, answers. */
export interface AutomationQuestionnairesTable {
  id: Generated<number>;
  account_id: number;
  deal_id: number;
  trigger_id: number;
  token_hash: string;
  form_json: string;
  answers_json: string | null;
  created_at: number;
  answered_at: number | null;
}

export interface AutomationTables {
  notifications: NotificationsTable;
  automation_triggers: AutomationTriggersTable;
  automation_runs: AutomationRunsTable;
  automation_settings: AutomationSettingsTable;
  automation_questionnaires: AutomationQuestionnairesTable;
}

export type Notification = Selectable<NotificationsTable>;
export type AutomationTrigger = Selectable<AutomationTriggersTable>;
export type AutomationRun = Selectable<AutomationRunsTable>;
export type AutomationQuestionnaire = Selectable<AutomationQuestionnairesTable>;
