import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { phoneMatches } from '../search/search.repo.ts';
import { selectDeals, type DealRow } from './deals.repo.ts';

export type Range = { from?: number | undefined; to?: number | undefined };

/** A resolved list request: ids and lower-cased text, every reference already account-checked. */
export type DealListSpec = {
  ids?: number[];
  namesLc?: string[];
  price?: Range;
  /** null: any stage; a list (possibly empty): only these stages. */
  stageIds: number[] | null;
  pipelineIds?: number[];
  createdBy?: number[];
  updatedBy?: number[];
  responsibleUserIds?: number[];
  createdAt?: Range;
  updatedAt?: Range;
  closedAt?: Range;
  closestTaskAt?: Range;
  /** phoneDealIds: when the query is a whole phone number, the deals with it (see dealIdsWithPhone). */
  search?: { text: string; id: number | null; contactIds: number[]; phoneDealIds: number[] | null };
  /** The rows the user may see (rights); absent: no restriction. */
  scope?: Expression<SqlBool> | null;
  onlyDeleted: boolean;
  order: { column: 'created_at' | 'updated_at' | 'id'; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
};

/** `%text%` for LIKE, with the wildcard characters of the text escaped. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
export const like = (column: string, pattern: string) =>
  sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;

/**
 * The deals of these contacts (found by their phone) and the deals with the phone in one of
 * their own fields: two indexed lookups, resolved to ids before the list query so that the
 * planners look deals up by id rather than walk the account's deals.
 */
export async function dealIdsWithPhone(
  db: Kysely<DB>,
  accountId: number,
  contactIds: number[],
  e164: string,
): Promise<number[]> {
  const linked = contactIds.length
    ? await db
        .selectFrom('deal_contacts')
        .select('deal_id')
        .where('account_id', '=', accountId)
        .where('contact_id', 'in', contactIds)
        .execute()
    : [];
  const own = await phoneMatches(db, accountId, 'leads', e164).execute();
  return [...new Set([...linked.map((r) => r.deal_id), ...own.map((r) => r.entity_id)])];
}

/**
 * The free-text search of deals: a whole phone number matches only the deals found by
 * dealIdsWithPhone (or an id equal to it); other text matches the name, a field value, a
 * contact's name or a contact found by e-mail, or the id.
 */
export function dealSearchExpression(
  eb: ExpressionBuilder<DB, 'deals'>,
  accountId: number,
  search: NonNullable<DealListSpec['search']>,
): Expression<SqlBool> {
  if (search.phoneDealIds) {
    const ids = [...search.phoneDealIds, ...(search.id !== null ? [search.id] : [])];
    return eb('deals.id', 'in', ids.length ? ids : [0]);
  }
  const pattern = containsPattern(search.text);
  const anyOf: Expression<SqlBool>[] = [
    like('deals.name_lc', pattern),
    eb(
      'deals.id',
      'in',
      eb
        .selectFrom('field_values')
        .select('field_values.entity_id')
        .where('field_values.account_id', '=', accountId)
        .where('field_values.entity_type', '=', 'leads')
        .where(like('field_values.value_lc', pattern)),
    ),
    eb(
      'deals.id',
      'in',
      eb
        .selectFrom('deal_contacts')
        .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
        .select('deal_contacts.deal_id')
        .where('deal_contacts.account_id', '=', accountId)
        .where('contacts.deleted_at', 'is', null)
        .where((c) =>
          c.or([
            like('contacts.name_lc', pattern),
            ...(search.contactIds.length ? [c('contacts.id', 'in', search.contactIds)] : []),
          ]),
        ),
    ),
  ];
  if (search.id !== null) anyOf.push(eb('deals.id', '=', search.id));
  return eb.or(anyOf);
}

/** One page of deals (`limit` rows plus one, which only signals a next page). */
export async function listDeals(db: Kysely<DB>, accountId: number, spec: DealListSpec): Promise<DealRow[]> {
  let q = selectDeals(db, accountId).where('deals.deleted_at', spec.onlyDeleted ? 'is not' : 'is', null);
  if (spec.scope) q = q.where(spec.scope);
  if (spec.ids) q = q.where('deals.id', 'in', spec.ids.length ? spec.ids : [0]);
  if (spec.namesLc) q = q.where('deals.name_lc', 'in', spec.namesLc.length ? spec.namesLc : ['']);
  if (spec.stageIds) q = q.where('deals.stage_id', 'in', spec.stageIds.length ? spec.stageIds : [0]);
  if (spec.pipelineIds)
    q = q.where('deals.pipeline_id', 'in', spec.pipelineIds.length ? spec.pipelineIds : [0]);
  if (spec.createdBy) q = q.where('deals.created_by', 'in', spec.createdBy);
  if (spec.updatedBy) q = q.where('deals.updated_by', 'in', spec.updatedBy);
  if (spec.responsibleUserIds) q = q.where('deals.responsible_user_id', 'in', spec.responsibleUserIds);
  const ranges = [
    ['deals.price', spec.price],
    ['deals.created_at', spec.createdAt],
    ['deals.updated_at', spec.updatedAt],
    ['deals.closed_at', spec.closedAt],
    ['deals.closest_task_at', spec.closestTaskAt],
  ] as const;
  for (const [column, range] of ranges) {
    if (range?.from !== undefined) q = q.where(column, '>=', range.from);
    if (range?.to !== undefined) q = q.where(column, '<=', range.to);
  }
  const search = spec.search;
  if (search) q = q.where((eb) => dealSearchExpression(eb, accountId, search));
  return q
    .orderBy(`deals.${spec.order.column}`, spec.order.direction)
    .orderBy('deals.id', spec.order.direction)
    .limit(spec.limit + 1)
    .offset(spec.offset)
    .execute();
}
