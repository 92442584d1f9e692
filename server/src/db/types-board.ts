import type { Generated } from 'kysely';

export interface DealFilterPresetsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  name: string;
  /** The board's URL query string the preset restores. */
  query: string;
  created_at: number;
}

/** Tables added by migration 011-board. */
export interface BoardTables {
  deal_filter_presets: DealFilterPresetsTable;
}
