import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';
import { phoneOrNull } from '../fields/normalise.ts';
import type { EntityListQuery } from './list-query.schema.ts';

/** `%text%` with LIKE's wildcards escaped (paired with ESCAPE '\' below, the same on both databases). */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column` contains `needle` (both already lower-cased: `*_lc` columns fold Cyrillic in JS). */
export const contains = (column: string, needle: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} like ${likePattern(needle)} escape '\\'`;

export type SearchTerms = {
  /** The query lower-cased, matched as a substring of names and field values. */
  lc: string;
  /** The query as an E.164 phone, when it is a whole phone number in any format. */
  phone: string | null;
  /** The query's digits, when it looks like (part of) a phone number. */
  digits: string | null;
};

export function searchTerms(query: string, country: string): SearchTerms {
  const text = query.trim();
  const digits = text.replace(/\D+/g, '');
  const phoneLike = /^[\d\s()+\-.]+$/.test(text) && digits.length >= 3;
  return {
    lc: text.toLowerCase(),
    phone: phoneLike ? phoneOrNull(text, country) : null,
    digits: phoneLike ? digits : null,
  };
}

/**
 * Ids of the entities with a live field value matching the terms: any value containing the text
 * (any case), or a phone equal to it in E.164, or a phone containing its digits.
 */
export function fieldValueMatches(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType,
  terms: SearchTerms,
) {
  return db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select('v.entity_id')
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', entityType)
    .where('f.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        contains('v.value_lc', terms.lc),
        ...(terms.phone ? [eb('v.value_norm', '=', terms.phone)] : []),
        ...(terms.digits ? [contains('v.value_norm', terms.digits)] : []),
      ]),
    );
}

/**
 * Ids of the entities with a live phone equal to `e164`: the indexed lookup a whole phone number
 * gets (typed in any format, it has one E.164 form), instead of scanning every name and value
 * for its text. Partial numbers still go through fieldValueMatches.
 */
export function phoneMatches(db: Kysely<DB>, accountId: number, entityType: EntityType, e164: string) {
  return db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select('v.entity_id')
    .where('v.account_id', '=', accountId)
    .where('v.value_norm', '=', e164)
    .where('v.entity_type', '=', entityType)
    .where('f.deleted_at', 'is', null);
}

const inList = (column: string, values: Array<number | string>): Expression<SqlBool> =>
  values.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;

/**
 * The WHERE conditions of a contacts or companies list (besides account and deleted_at):
 * the amoCRM filters and the `query` search over the name and every field value.
 */
export async function listConditions(
  db: Kysely<DB>,
  table: 'contacts' | 'companies',
  accountId: number,
  country: string,
  q: EntityListQuery,
): Promise<Expression<SqlBool>[]> {
  const col = (name: string) => `${table}.${name}`;
  const out: Expression<SqlBool>[] = [];
  const f = q.filter;
  if (f?.id) out.push(inList(col('id'), f.id));
  if (f?.name)
    out.push(
      inList(
        col('name_lc'),
        f.name.map((n) => n.toLowerCase()),
      ),
    );
  if (f?.responsible_user_id) out.push(inList(col('responsible_user_id'), f.responsible_user_id));
  for (const key of ['created_at', 'updated_at'] as const) {
    const range = f?.[key];
    if (range?.from !== undefined) out.push(sql<SqlBool>`${sql.ref(col(key))} >= ${range.from}`);
    if (range?.to !== undefined) out.push(sql<SqlBool>`${sql.ref(col(key))} <= ${range.to}`);
  }
  if (q.query) {
    const terms = searchTerms(q.query, country);
    if (terms.phone) {
      // Ids first, then a literal list: with a subquery the planners walk the account's index.
      const rows = await phoneMatches(db, accountId, table, terms.phone).execute();
      // Ids are positive: [0] matches nothing and, unlike `1 = 0`, is one index probe in SQLite.
      const ids = rows.length ? [...new Set(rows.map((r) => r.entity_id))] : [0];
      out.push(inList(col('id'), ids));
    } else {
      const matches = fieldValueMatches(db, accountId, table, terms);
      out.push(
        sql<SqlBool>`(${contains(col('name_lc'), terms.lc)} or ${sql.ref(col('id'))} in (${matches}))`,
      );
    }
  }
  return out;
}
