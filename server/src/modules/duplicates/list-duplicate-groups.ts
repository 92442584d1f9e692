import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { liveFieldsByCode } from '../fields/fields.repo.ts';
import { TAX_ID_CODES } from '../inbox/find-duplicates.ts';
import type { PartyType } from './merge-snapshot.ts';

/** What the records of a group share. */
export type GroupBy = 'phone' | 'email' | 'name' | 'tax_id';
export const groupKinds: Record<PartyType, GroupBy[]> = {
  contacts: ['phone', 'email', 'name'],
  companies: ['name', 'tax_id', 'phone', 'email'],
};

export type GroupMember = {
  id: number;
  name: string;
  created_at: number;
  responsible_user_id: number | null;
};
export type DuplicateGroup = { by: GroupBy; key: string; count: number; members: GroupMember[] };

const MEMBERS = 20;
/** Keys this short are typing noise ("0", "-"), not identities. */
const MIN_KEY = 3;

async function fieldIdsByCode(db: Kysely<DB>, accountId: number, type: PartyType, codes: string[]) {
  return (await liveFieldsByCode(db, accountId, type, codes)).map((f) => f.id);
}

/**
 * One page of groups of probable duplicates among the live records, in key order after `after`.
 * Each kind is one grouped, indexed pass: phones and e-mails over (account, type, value_norm),
 * tax ids (normalised) over value_norm as well, names over (account, deleted_at, name_lc); never a
 * comparison of every record with every other.
 */
export async function listDuplicateGroups(
  db: Kysely<DB>,
  accountId: number,
  type: PartyType,
  by: GroupBy,
  after: string,
  limit: number,
): Promise<{ groups: DuplicateGroup[]; next: string | null }> {
  let keys: Array<{ key: string; n: number }>;
  let fieldIds: number[] = [];
  if (by === 'name') {
    const table = type === 'contacts' ? 'contacts' : 'companies';
    keys = await db
      .selectFrom(table)
      .select(['name_lc as key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('name_lc', '>', after)
      .where(sql<boolean>`length(name_lc) >= ${MIN_KEY}`)
      .groupBy('name_lc')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .orderBy('name_lc')
      .limit(limit + 1)
      .execute();
  } else {
    const codes = by === 'phone' ? ['PHONE'] : by === 'email' ? ['EMAIL'] : TAX_ID_CODES;
    fieldIds = await fieldIdsByCode(db, accountId, type, codes);
    if (fieldIds.length === 0) return { groups: [], next: null };
    const column = 'v.value_norm';
    const live = sql.table(type === 'contacts' ? 'contacts' : 'companies');
    keys = await db
      .selectFrom('field_values as v')
      .select([`${column} as key`, sql<number>`count(distinct v.entity_id)`.as('n')])
      .where('v.account_id', '=', accountId)
      .where('v.entity_type', '=', type)
      .where('v.field_id', 'in', fieldIds)
      .where(column, 'is not', null)
      .where(column, '>', after)
      .where(sql<boolean>`length(${sql.ref(column)}) >= ${MIN_KEY}`)
      .where(sql<boolean>`exists (select 1 from ${live} r where r.id = v.entity_id and r.deleted_at is null)`)
      .groupBy(column)
      .having(sql`count(distinct v.entity_id)`, '>', 1)
      .orderBy(column)
      .limit(limit + 1)
      .execute()
      .then((rows) => rows.flatMap((r) => (r.key === null ? [] : [{ key: r.key, n: r.n }])));
  }
  const page = keys.slice(0, limit);
  const groups: DuplicateGroup[] = [];
  for (const k of page) {
    groups.push({
      by,
      key: k.key,
      count: Number(k.n),
      members: await groupMembers(db, accountId, type, by, k.key, fieldIds),
    });
  }
  return { groups, next: keys.length > limit ? (page.at(-1)?.key ?? null) : null };
}

async function groupMembers(
  db: Kysely<DB>,
  accountId: number,
  type: PartyType,
  by: GroupBy,
  key: string,
  fieldIds: number[],
): Promise<GroupMember[]> {
  const table = type === 'contacts' ? 'contacts' : 'companies';
  if (by === 'name') {
    return db
      .selectFrom(table)
      .select(['id', 'name', 'created_at', 'responsible_user_id'])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('name_lc', '=', key)
      .orderBy('id')
      .limit(MEMBERS)
      .execute();
  }
  const column = 'v.value_norm';
  const ids = await db
    .selectFrom('field_values as v')
    .select('v.entity_id')
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', type)
    .where('v.field_id', 'in', fieldIds)
    .where(column, '=', key)
    .limit(MEMBERS * 5)
    .execute();
  if (ids.length === 0) return [];
  return db
    .selectFrom(table)
    .select(['id', 'name', 'created_at', 'responsible_user_id'])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .where(
      'id',
      'in',
      ids.map((r) => r.entity_id),
    )
    .orderBy('id')
    .limit(MEMBERS)
    .execute();
}
