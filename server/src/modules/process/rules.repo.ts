import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { ProcessRuleRow } from '../../db/types-rights.ts';
import { ruleConfigs, type RuleInput, type RuleKind } from './rules.schema.ts';

/** A stored rule with its config parsed; a config that no longer parses is skipped. */
export type Rule<K extends RuleKind = RuleKind> = Omit<ProcessRuleRow, 'config' | 'kind'> & {
  kind: K;
  config: z.output<(typeof ruleConfigs)[K]>;
};

export function parseRule<K extends RuleKind>(row: ProcessRuleRow, kind: K): Rule<K> | null {
  if (row.kind !== kind) return null;
  try {
    const parsed = ruleConfigs[kind].safeParse(JSON.parse(row.config));
    if (!parsed.success) return null;
    // The schema of `kind` parsed it: its output is this kind's config.
    return { ...row, kind, config: parsed.data as z.output<(typeof ruleConfigs)[K]> };
  } catch {
    return null;
  }
}

export const listRuleRows = (db: Kysely<DB>, accountId: number, opts: { activeOnly?: boolean } = {}) => {
  let q = db.selectFrom('process_rules').selectAll().where('account_id', '=', accountId);
  if (opts.activeOnly) q = q.where('is_active', '=', 1);
  return q.orderBy('id').execute();
};

/** The account's active rules of one kind. */
export async function activeRules<K extends RuleKind>(
  db: Kysely<DB>,
  accountId: number,
  kind: K,
): Promise<Array<Rule<K>>> {
  const rows = await db
    .selectFrom('process_rules')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => parseRule(r, kind) ?? []);
}

export const findRuleRow = (db: Kysely<DB>, accountId: number, id: number) =>
  db
    .selectFrom('process_rules')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();

export function ruleValues(input: RuleInput) {
  return {
    kind: input.kind,
    name: input.name,
    pipeline_id: input.pipeline_id,
    stage_id: input.stage_id,
    is_active: input.is_active ? 1 : 0,
    config: JSON.stringify(input.config),
    updated_at: nowSeconds(),
  };
}
