import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EntityType } from '../../db/types-crm.ts';

/** Who is responsible for a record (and, for a deal, its stage): what rights are decided on. */
export async function ownerOf(
  db: Kysely<DB>,
  accountId: number,
  entityType: EntityType | 'tasks',
  id: number,
): Promise<{ id: number; responsible_user_id: number | null; stage_id?: number } | undefined> {
  if (entityType === 'leads')
    return db
      .selectFrom('deals')
      .select(['id', 'responsible_user_id', 'stage_id'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  return db
    .selectFrom(entityType)
    .select(['id', 'responsible_user_id'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}
