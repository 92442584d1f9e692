import type { Generated, Selectable } from 'kysely';

/** The amoCRM entity names, used as `entity_type` in every table. */
export type EntityType = 'leads' | 'contacts' | 'companies';
export type StageKind = 'incoming' | 'open' | 'won' | 'lost';

type Timestamps = { created_at: number; updated_at: number };
type Authored = { created_by: Generated<number>; updated_by: Generated<number> };

export interface PipelinesTable extends Timestamps {
  id: Generated<number>;
  account_id: number;
  name: string;
  sort: Generated<number>;
  is_main: Generated<number>;
  is_unsorted_on: Generated<number>;
  is_archive: Generated<number>;
}

export interface StagesTable extends Timestamps {
  id: Generated<number>;
  account_id: number;
  pipeline_id: number;
  name: string;
  sort: Generated<number>;
  color: Generated<string>;
  kind: StageKind;
}

export interface LossReasonsTable extends Timestamps {
  id: Generated<number>;
  account_id: number;
  name: string;
  sort: Generated<number>;
}

export interface CompaniesTable extends Timestamps, Authored {
  id: Generated<number>;
  account_id: number;
  name: string;
  name_lc: string;
  responsible_user_id: number | null;
  group_id: Generated<number>;
  closest_task_at: number | null;
  deleted_at: number | null;
}

export interface ContactsTable extends Timestamps, Authored {
  id: Generated<number>;
  account_id: number;
  name: string;
  name_lc: string;
  first_name: Generated<string>;
  last_name: Generated<string>;
  company_id: number | null;
  responsible_user_id: number | null;
  group_id: Generated<number>;
  closest_task_at: number | null;
  deleted_at: number | null;
}

export interface DealsTable extends Timestamps, Authored {
  id: Generated<number>;
  account_id: number;
  name: string;
  name_lc: string;
  price: Generated<number>;
  responsible_user_id: number | null;
  group_id: Generated<number>;
  pipeline_id: number;
  stage_id: number;
  position: Generated<number>;
  stage_entered_at: number;
  loss_reason_id: number | null;
  company_id: number | null;
  source: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
  utm_term: string | null;
  closed_at: number | null;
  closest_task_at: number | null;
  deleted_at: number | null;
}

export interface DealContactsTable {
  account_id: number;
  deal_id: number;
  contact_id: number;
  is_main: Generated<number>;
}

export interface CustomFieldGroupsTable {
  id: string;
  account_id: number;
  entity_type: EntityType;
  name: string;
  sort: Generated<number>;
  is_predefined: Generated<number>;
}

export interface CustomFieldsTable extends Timestamps {
  id: Generated<number>;
  account_id: number;
  entity_type: EntityType;
  name: string;
  code: string | null;
  type: string;
  sort: Generated<number>;
  group_id: string | null;
  is_api_only: Generated<number>;
  is_predefined: Generated<number>;
  is_deletable: Generated<number>;
  required_statuses: Generated<string>;
  settings: Generated<string>;
  deleted_at: number | null;
}

export interface CustomFieldEnumsTable {
  id: Generated<number>;
  account_id: number;
  field_id: number;
  value: string;
  sort: Generated<number>;
  code: string | null;
}

export interface FieldValuesTable {
  id: Generated<number>;
  account_id: number;
  entity_type: EntityType;
  entity_id: number;
  field_id: number;
  position: Generated<number>;
  enum_id: number | null;
  enum_code: string | null;
  value_text: string | null;
  value_lc: string | null;
  value_num: number | null;
  value_norm: string | null;
  extra: string | null;
}

export interface TagsTable {
  id: Generated<number>;
  account_id: number;
  entity_type: EntityType;
  name: string;
  name_lc: string;
  color: string | null;
}

export interface EntityTagsTable {
  account_id: number;
  entity_type: EntityType;
  entity_id: number;
  tag_id: number;
}

export interface TaskTypesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  code: string | null;
  color: string | null;
  icon_id: number | null;
  sort: Generated<number>;
  deleted_at: number | null;
}

export interface TasksTable extends Timestamps, Authored {
  id: Generated<number>;
  account_id: number;
  text: string;
  task_type_id: number;
  complete_till: number;
  duration: Generated<number>;
  responsible_user_id: number;
  group_id: Generated<number>;
  entity_type: EntityType | null;
  entity_id: number | null;
  is_completed: Generated<number>;
  result_text: string | null;
  completed_at: number | null;
  deleted_at: number | null;
}

export interface NotesTable extends Timestamps, Authored {
  id: Generated<number>;
  account_id: number;
  entity_type: EntityType;
  entity_id: number;
  note_type: string;
  params: Generated<string>;
  is_pinned: Generated<number>;
  responsible_user_id: number | null;
}

export interface EventsTable {
  id: Generated<number>;
  account_id: number;
  type: string;
  entity_type: string;
  entity_id: number;
  created_by: Generated<number>;
  created_at: number;
  value_before: Generated<string>;
  value_after: Generated<string>;
}

export interface WebhooksTable extends Timestamps {
  id: Generated<number>;
  account_id: number;
  destination: string;
  settings: string;
  format: Generated<string>;
  secret: string;
  sort: Generated<number>;
  is_disabled: Generated<number>;
  disabled_reason: string | null;
  created_by: Generated<number>;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  account_id: number;
  webhook_id: number;
  event_id: number | null;
  status: string;
  attempts: Generated<number>;
  response_code: number | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface CrmTables {
  pipelines: PipelinesTable;
  stages: StagesTable;
  loss_reasons: LossReasonsTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  deals: DealsTable;
  deal_contacts: DealContactsTable;
  custom_field_groups: CustomFieldGroupsTable;
  custom_fields: CustomFieldsTable;
  custom_field_enums: CustomFieldEnumsTable;
  field_values: FieldValuesTable;
  tags: TagsTable;
  entity_tags: EntityTagsTable;
  task_types: TaskTypesTable;
  tasks: TasksTable;
  notes: NotesTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type Pipeline = Selectable<PipelinesTable>;
export type Stage = Selectable<StagesTable>;
export type Deal = Selectable<DealsTable>;
export type Contact = Selectable<ContactsTable>;
export type Company = Selectable<CompaniesTable>;
export type CustomField = Selectable<CustomFieldsTable>;
export type Task = Selectable<TasksTable>;
export type Note = Selectable<NotesTable>;
export type CrmEvent = Selectable<EventsTable>;

/** Added by migration 004: whether the robot (automation, user 0) made the last price change. */
export interface DealsTable {
  price_modified_by_robot: Generated<number>;
}

export type LossReason = Selectable<LossReasonsTable>;

/** Declaration merging: the columns and tables added by migration 006-activity. */
export interface EventsTable {
  /** Narrows a domain type for filtering: note type, custom field id, changed task attribute. */
  subtype: string | null;
  /** Written by an automation run: how deep in a chain of automatic changes (migration 025). */
  automation_depth: number | null;
}

export interface WebhookCursorsTable {
  name: string;
  last_event_id: number;
  gap_id: number | null;
  gap_seen_at: number | null;
  updated_at: number;
}

export interface CrmTables {
  webhook_cursors: WebhookCursorsTable;
}

export type TaskType = Selectable<TaskTypesTable>;
export type Webhook = Selectable<WebhooksTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;

/** Added by migration 009-rights: the deal this one was re-created from (reanimation). */
export interface DealsTable {
  reanimated_from_id: number | null;
}
