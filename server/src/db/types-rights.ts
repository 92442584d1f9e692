import type { Generated, Selectable } from 'kysely';

export type ProcessRuleKind =
  'required_fields' | 'loss_reason' | 'validation' | 'stage_limit' | 'reanimation';

export interface ProcessRulesTable {
  id: Generated<number>;
  account_id: number;
  kind: ProcessRuleKind;
  name: Generated<string>;
  pipeline_id: number | null;
  stage_id: number | null;
  config: Generated<string>;
  is_active: Generated<number>;
  created_by: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface StageLimitAlertsTable {
  account_id: number;
  deal_id: number;
  stage_id: number;
  stage_entered_at: number;
  alerted_at: number;
}

/** Tables and columns added by migration 009-rights. */
export interface RightsTables {
  process_rules: ProcessRulesTable;
  stage_limit_alerts: StageLimitAlertsTable;
}

export type ProcessRuleRow = Selectable<ProcessRulesTable>;
