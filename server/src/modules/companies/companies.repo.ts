import type { Expression, Insertable, Kysely, SqlBool, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CompaniesTable, Company } from '../../db/types-crm.ts';
import { listConditions } from '../search/search.repo.ts';
import { orderOf, type EntityListQuery } from '../search/list-query.schema.ts';

export async function insertCompany(db: Kysely<DB>, row: Insertable<CompaniesTable>): Promise<number> {
  const r = await db.insertInto('companies').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A company of the account; deleted ones only when asked for. */
export const findCompany = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  opts: { deleted?: boolean } = {},
): Promise<Company | undefined> => {
  const q = db.selectFrom('companies').selectAll().where('account_id', '=', accountId).where('id', '=', id);
  return (opts.deleted ? q : q.where('deleted_at', 'is', null)).executeTakeFirst();
};

export async function liveCompanyIds(db: Kysely<DB>, accountId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('companies')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function updateCompanyRow(
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<CompaniesTable>,
): Promise<void> {
  await db
    .updateTable('companies')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** One page of live companies (limit + 1 rows) for GET /api/v4/companies. */
export async function listCompanies(
  db: Kysely<DB>,
  accountId: number,
  country: string,
  q: EntityListQuery,
  page: { limit: number; offset: number },
  scope: Expression<SqlBool> | null = null,
): Promise<Company[]> {
  let query = db
    .selectFrom('companies')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
  if (scope) query = query.where(scope);
  for (const condition of await listConditions(db, 'companies', accountId, country, q))
    query = query.where(condition);
  const { column, direction } = orderOf(q);
  if (column !== 'id') query = query.orderBy(column, direction);
  return query
    .orderBy('id', direction)
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

/** The live contacts of each company. */
export async function contactsOfCompanies(db: Kysely<DB>, accountId: number, companyIds: number[]) {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'company_id'])
    .where('account_id', '=', accountId)
    .where('company_id', 'in', companyIds)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.company_id === null ? [] : [{ company_id: r.company_id, contact_id: r.id }]));
}

/** The live deals of each company. */
export async function dealsOfCompanies(db: Kysely<DB>, accountId: number, companyIds: number[]) {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'company_id'])
    .where('account_id', '=', accountId)
    .where('company_id', 'in', companyIds)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.company_id === null ? [] : [{ company_id: r.company_id, deal_id: r.id }]));
}
