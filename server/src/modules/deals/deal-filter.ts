import { enumFieldTypes, type CustomFieldType, type DealFilter } from '@voronka/common';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { DB } from '../../db/types.ts';
import type { Ctx } from '../context.ts';
import { endOfDay } from '../tasks/task-state.ts';
import { containsPattern, dealSearchExpression, like, type DealListSpec } from './deals-list.repo.ts';
import { searchOf } from './list-deals.ts';

type FieldCondition = { fieldId: number; kind: 'enum' | 'text'; value: string };

/** A board / list filter with its references resolved against the account. */
export type ResolvedDealFilter = {
  accountId: number;
  filter: DealFilter;
  search: DealListSpec['search'];
  fields: FieldCondition[];
  now: number;
  todayEnds: number;
};

/** True when the filter keeps every deal (the board opened without a filter). */
export function isEmptyDealFilter(f: DealFilter): boolean {
  return (
    !f.q &&
    !f.responsible?.length &&
    !f.tags?.length &&
    !f.stages?.length &&
    f.created_from === undefined &&
    f.created_to === undefined &&
    f.closed_from === undefined &&
    f.closed_to === undefined &&
    f.task === undefined &&
    !f.source &&
    Object.values(f.cf ?? {}).every((v) => v === '')
  );
}

/** Resolves what the filter names (fields, contacts found by phone) once per request. */
export async function resolveDealFilter(ctx: Ctx, filter: DealFilter): Promise<ResolvedDealFilter> {
  const { db, accountId } = ctx;
  const now = nowSeconds();
  const cf = Object.entries(filter.cf ?? {}).filter(([, v]) => v !== '');
  const ids = cf.map(([id]) => Number(id));
  const known =
    ids.length === 0
      ? []
      : await db
          .selectFrom('custom_fields')
          .select(['id', 'type'])
          .where('account_id', '=', accountId)
          .where('entity_type', '=', 'leads')
          .where('id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute();
  const types = new Map(known.map((f) => [f.id, f.type]));
  const fields = cf.map(([id, value]): FieldCondition => {
    const type = types.get(Number(id));
    const isEnum = type !== undefined && enumFieldTypes.includes(type as CustomFieldType);
    // An unknown field id matches nothing (fieldId 0 never exists), rather than being ignored.
    return { fieldId: type === undefined ? 0 : Number(id), kind: isEnum ? 'enum' : 'text', value };
  });
  return {
    accountId,
    filter,
    search: filter.q ? await searchOf(db, accountId, ctx.account.country, filter.q) : undefined,
    fields,
    now,
    todayEnds: endOfDay(now, ctx.account.timezone),
  };
}

/** The filter as one SQL condition on `deals` (every referenced row scoped to the account). */
export function dealFilterExpression(
  eb: ExpressionBuilder<DB, 'deals'>,
  r: ResolvedDealFilter,
): Expression<SqlBool> {
  const f = r.filter;
  const and: Expression<SqlBool>[] = [eb('deals.deleted_at', 'is', null)];
  if (f.responsible?.length) {
    const users = f.responsible.filter((id) => id !== 0);
    const anyOf: Expression<SqlBool>[] = [];
    if (users.length) anyOf.push(eb('deals.responsible_user_id', 'in', users));
    if (f.responsible.includes(0)) anyOf.push(eb('deals.responsible_user_id', 'is', null));
    and.push(eb.or(anyOf));
  }
  if (f.stages?.length) and.push(eb('deals.stage_id', 'in', f.stages));
  if (f.tags?.length) {
    and.push(
      eb(
        'deals.id',
        'in',
        eb
          .selectFrom('entity_tags')
          .select('entity_tags.entity_id')
          .where('entity_tags.account_id', '=', r.accountId)
          .where('entity_tags.entity_type', '=', 'leads')
          .where('entity_tags.tag_id', 'in', f.tags),
      ),
    );
  }
  const ranges = [
    ['deals.created_at', f.created_from, f.created_to],
    ['deals.closed_at', f.closed_from, f.closed_to],
  ] as const;
  for (const [column, from, to] of ranges) {
    if (from !== undefined) and.push(eb(column, '>=', from));
    if (to !== undefined) and.push(eb(column, '<=', to));
  }
  if (f.task === 'none') and.push(eb('deals.closest_task_at', 'is', null));
  if (f.task === 'overdue') and.push(eb('deals.closest_task_at', '<', r.now));
  if (f.task === 'today') {
    and.push(eb('deals.closest_task_at', '>=', r.now), eb('deals.closest_task_at', '<=', r.todayEnds));
  }
  if (f.source) and.push(eb.or([eb('deals.source', '=', f.source), eb('deals.utm_source', '=', f.source)]));
  for (const c of r.fields) {
    let values = eb
      .selectFrom('field_values')
      .select('field_values.entity_id')
      .where('field_values.account_id', '=', r.accountId)
      .where('field_values.entity_type', '=', 'leads')
      .where('field_values.field_id', '=', c.fieldId);
    values =
      c.kind === 'enum'
        ? values.where('field_values.enum_id', '=', /^\d{1,15}$/.test(c.value) ? Number(c.value) : 0)
        : values.where(like('field_values.value_lc', containsPattern(c.value.toLowerCase())));
    and.push(eb('deals.id', 'in', values));
  }
  if (r.search) and.push(dealSearchExpression(eb, r.accountId, r.search));
  return eb.and(and);
}
