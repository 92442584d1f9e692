import type { AutomationRunOut, AutomationTriggerOut } from '@voronka/common';
import { z } from 'zod';
import type { AutomationRun, AutomationTrigger } from '../../db/types-automation.ts';
import { parseTrigger } from './engine/parse-trigger.ts';

type Stats = AutomationTriggerOut['stats'];
const noStats: Stats = { scheduled: 0, done: 0, failed: 0, last_error: null };

export function presentTrigger(row: AutomationTrigger, stats: Stats | undefined): AutomationTriggerOut {
  const t = parseTrigger(row);
  return {
    id: row.id,
    pipeline_id: row.pipeline_id,
    stage_id: row.stage_id,
    name: row.name,
    when: t.when,
    delay: t.delay,
    conditions: t.conditions,
    action: { type: row.action_type, params: t.params },
    is_active: row.is_active === 1,
    run_if_left: row.run_if_left === 1,
    apply_to_existing: row.apply_to_existing === 1,
    sort: row.sort,
    created_at: row.created_at,
    updated_at: row.updated_at,
    stats: stats ?? noStats,
  };
}

const result = z.record(z.string(), z.unknown());

export const presentRun = (r: AutomationRun & { deal_name: string | null }): AutomationRunOut => ({
  id: r.id,
  trigger_id: r.trigger_id,
  deal_id: r.deal_id,
  deal_name: r.deal_name,
  stage_id: r.stage_id,
  signal: r.signal,
  status: r.status,
  depth: r.depth,
  scheduled_at: r.scheduled_at,
  ran_at: r.ran_at,
  ran_by: r.ran_by,
  attempts: r.attempts,
  error: r.error,
  result: r.result_json ? result.parse(JSON.parse(r.result_json)) : null,
});
