import type { BoardDeal } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { tagsOfEntities } from '../tags/tags.repo.ts';
import { mainContacts } from './deal-links.repo.ts';
import type { DealRow } from './deals.repo.ts';

type Ref = { id: number; name: string };
type Tag = { id: number; name: string; color: string | null };

/** What a card shows beyond the deal row: its main contact, company and tags. */
export type CardExtras = {
  contacts: Map<number, Ref>;
  companies: Map<number, Ref>;
  tags: Map<number, Tag[]>;
};

/** Loads the extras of many cards in three queries. */
export async function loadCardExtras(
  db: Kysely<DB>,
  accountId: number,
  deals: Pick<DealRow, 'id' | 'company_id'>[],
): Promise<CardExtras> {
  const ids = deals.map((d) => d.id);
  const companyIds = [...new Set(deals.flatMap((d) => (d.company_id === null ? [] : [d.company_id])))];
  const [contacts, companyRows, tagRows] = await Promise.all([
    mainContacts(db, accountId, ids),
    companyIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('companies')
          .select(['id', 'name'])
          .where('account_id', '=', accountId)
          .where('id', 'in', companyIds)
          .where('deleted_at', 'is', null)
          .execute(),
    tagsOfEntities(db, accountId, 'leads', ids),
  ]);
  const tags = new Map<number, Tag[]>();
  for (const t of tagRows) {
    const list = tags.get(t.entity_id) ?? [];
    list.push({ id: t.id, name: t.name, color: t.color });
    tags.set(t.entity_id, list);
  }
  return { contacts, companies: new Map(companyRows.map((c) => [c.id, c])), tags };
}

/** A deal as a kanban card. */
export const presentCard = (deal: DealRow, extras: CardExtras): BoardDeal => ({
  id: deal.id,
  name: deal.name,
  price: deal.price,
  pipeline_id: deal.pipeline_id,
  stage_id: deal.stage_id,
  position: deal.position,
  responsible_user_id: deal.responsible_user_id,
  created_at: deal.created_at,
  updated_at: deal.updated_at,
  stage_entered_at: deal.stage_entered_at,
  closed_at: deal.closed_at,
  closest_task_at: deal.closest_task_at,
  main_contact: extras.contacts.get(deal.id) ?? null,
  company: (deal.company_id !== null && extras.companies.get(deal.company_id)) || null,
  tags: extras.tags.get(deal.id) ?? [],
});

/** Cards of many deals, in the given order. */
export async function presentCards(
  db: Kysely<DB>,
  accountId: number,
  deals: DealRow[],
): Promise<BoardDeal[]> {
  const extras = await loadCardExtras(db, accountId, deals);
  return deals.map((d) => presentCard(d, extras));
}
