import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityMerge } from '../../db/types-duplicates.ts';
import type { PartyType } from './merge-snapshot.ts';

export const presentMerge = (m: EntityMerge, mergedName: string) => ({
  id: m.id,
  entity_type: m.entity_type,
  survivor_id: m.survivor_id,
  merged_id: m.merged_id,
  merged_name: mergedName,
  created_by: m.created_by,
  created_at: m.created_at,
  undone_at: m.undone_at,
});

/** The account's merges, newest first, with the merged-away record's name (for the undo list). */
export async function listMerges(
  db: Kysely<DB>,
  accountId: number,
  opts: { ids?: number[]; entityType?: PartyType | undefined; limit?: number },
) {
  let q = db.selectFrom('entity_merges').selectAll().where('account_id', '=', accountId);
  if (opts.ids) q = q.where('id', 'in', opts.ids.length > 0 ? opts.ids : [0]);
  if (opts.entityType) q = q.where('entity_type', '=', opts.entityType);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 20)
    .execute();
  const names = new Map<string, string>();
  for (const type of ['contacts', 'companies'] as const) {
    const ids = rows.filter((r) => r.entity_type === type).map((r) => r.merged_id);
    if (ids.length === 0) continue;
    const found = await db
      .selectFrom(type)
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    for (const f of found) names.set(`${type}:${f.id}`, f.name);
  }
  return rows.map((r) => presentMerge(r, names.get(`${r.entity_type}:${r.merged_id}`) ?? ''));
}
