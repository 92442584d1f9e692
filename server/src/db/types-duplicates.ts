import type { Generated, Selectable } from 'kysely';

/** What duplicate control does: nothing, show a warning, or merge into the existing record. */
export type DuplicateMode = 'off' | 'warn' | 'merge';

export interface DuplicateSettingsTable {
  account_id: number;
  arrivals: DuplicateMode;
  manual: DuplicateMode;
  merge_open_deal: number;
  updated_at: number;
}

export interface EntityMergesTable {
  id: Generated<number>;
  account_id: number;
  entity_type: 'contacts' | 'companies';
  survivor_id: number;
  merged_id: number;
  snapshot: string;
  created_by: Generated<number>;
  created_at: number;
  undone_at: number | null;
  undone_by: number | null;
}

export interface PipelineDistributionTable {
  pipeline_id: number;
  account_id: number;
  rule: string;
  updated_at: number;
}

/** Tables added by migration 017-duplicates. */
export interface DuplicatesTables {
  duplicate_settings: DuplicateSettingsTable;
  entity_merges: EntityMergesTable;
  pipeline_distribution: PipelineDistributionTable;
}

export type EntityMerge = Selectable<EntityMergesTable>;
