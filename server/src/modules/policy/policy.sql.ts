import type { RightAction, RightEntity, RightLevel, StageAction } from '@voronka/common';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Policy } from './policy.ts';

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/** The SQL of "this level covers the row" on a table alias with `responsible_user_id`. */
function levelCondition(policy: Policy, level: RightLevel, alias: string): Expression<SqlBool> {
  const owner = sql.ref(`${alias}.responsible_user_id`);
  switch (level) {
    case 'all':
      return TRUE;
    case 'denied':
      return FALSE;
    case 'own':
      return sql<SqlBool>`${owner} = ${policy.userId}`;
    case 'group':
      return sql<SqlBool>`${owner} in (${sql.join(policy.groupUserIds)})`;
  }
}

/**
 * The rows of `deals` (under `alias`) the user may `action` (view, export), or null when the
 * policy does not restrict it. Stage overrides split the deals by stage, so counts, sums,
 * searches and lists all leave out the same deals.
 */
export function dealScope(
  policy: Policy,
  action: StageAction = 'view',
  alias = 'deals',
): Expression<SqlBool> | null {
  if (policy.unrestricted) return null;
  const base =
    action === 'move_in' || action === 'move_out' ? policy.rights.leads.edit : policy.rights.leads[action];
  const byLevel = new Map<RightLevel, number[]>();
  const overridden: number[] = [];
  for (const [stageId, rights] of policy.stageRights) {
    const level = rights[action];
    if (level === undefined) continue;
    overridden.push(stageId);
    byLevel.set(level, [...(byLevel.get(level) ?? []), stageId]);
  }
  if (overridden.length === 0) return base === 'all' ? null : levelCondition(policy, base, alias);
  const stage = sql.ref(`${alias}.stage_id`);
  const parts: Expression<SqlBool>[] = [];
  if (base !== 'denied')
    parts.push(
      sql<SqlBool>`(${stage} not in (${sql.join(overridden)}) and ${levelCondition(policy, base, alias)})`,
    );
  for (const [level, stages] of byLevel) {
    if (level === 'denied') continue;
    parts.push(sql<SqlBool>`(${stage} in (${sql.join(stages)}) and ${levelCondition(policy, level, alias)})`);
  }
  if (parts.length === 0) return FALSE;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The rows of contacts, companies or tasks (under `alias`) the user may `action`, or null. */
export function recordScope(
  policy: Policy,
  entity: Exclude<RightEntity, 'leads'>,
  action: RightAction = 'view',
  alias: string = entity,
): Expression<SqlBool> | null {
  if (policy.unrestricted) return null;
  const level = policy.rights[entity][action];
  return level === 'all' ? null : levelCondition(policy, level, alias);
}

/**
 * Events (under `alias`) about records the user may see: a deal's, contact's, company's or
 * task's events follow the record's visibility. Null when nothing is restricted.
 */
export function eventScope(policy: Policy, accountId: number, alias = 'events'): Expression<SqlBool> | null {
  if (policy.unrestricted) return null;
  const type = sql.ref(`${alias}.entity_type`);
  const id = sql.ref(`${alias}.entity_id`);
  const parts: Expression<SqlBool>[] = [];
  const restricted: string[] = [];
  const leads = dealScope(policy, 'view', 'd');
  if (leads) {
    restricted.push('leads');
    parts.push(
      sql<SqlBool>`(${type} = 'leads' and ${id} in (select d.id from deals d where d.account_id = ${accountId} and ${leads}))`,
    );
  }
  for (const [entity, table] of [
    ['contacts', 'contacts'],
    ['companies', 'companies'],
    ['tasks', 'tasks'],
  ] as const) {
    const scope = recordScope(policy, entity, 'view', 'r');
    if (!scope) continue;
    restricted.push(entity);
    parts.push(
      sql<SqlBool>`(${type} = ${entity} and ${id} in (select r.id from ${sql.table(table)} r where r.account_id = ${accountId} and ${scope}))`,
    );
  }
  if (restricted.length === 0) return null;
  parts.push(sql<SqlBool>`${type} not in (${sql.join(restricted)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
