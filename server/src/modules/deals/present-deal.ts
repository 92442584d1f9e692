import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { LossReason } from '../../db/types-crm.ts';
import { readFieldValues } from '../fields/field-values.ts';
import { listLossReasonsById } from '../pipelines/loss-reasons.repo.ts';
import { presentLossReason, type Href } from '../pipelines/present-pipeline.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { readEntityTags } from '../tags/entity-tags.ts';
import { listDealContacts, type DealContactLink } from './deal-links.repo.ts';
import type { DealRow } from './deals.repo.ts';

type FieldValues = Awaited<ReturnType<typeof readFieldValues>>;
type Tags = Awaited<ReturnType<typeof readEntityTags>>;

/** What a page of deals embeds, read in one query per kind rather than per deal. */
export type DealExtras = {
  withs: Set<string>;
  fields: FieldValues;
  tags: Tags;
  contacts: Map<number, DealContactLink[]> | null;
  lossReasons: Map<number, LossReason> | null;
};

/** `with=` values amoCRM accepts on leads. */
export const DEAL_WITHS = [
  'contacts',
  'loss_reason',
  'catalog_elements',
  'is_price_modified_by_robot',
  'source_id',
];

export async function loadDealExtras(
  db: Kysely<DB>,
  accountId: number,
  deals: DealRow[],
  withs: Set<string>,
): Promise<DealExtras> {
  const ids = deals.map((d) => d.id);
  const fields = await readFieldValues(db, accountId, 'leads', ids);
  const tags = await readEntityTags(db, accountId, 'leads', ids);
  let contacts: DealExtras['contacts'] = null;
  if (withs.has('contacts')) {
    contacts = new Map();
    for (const link of await listDealContacts(db, accountId, ids)) {
      const list = contacts.get(link.deal_id) ?? [];
      list.push(link);
      contacts.set(link.deal_id, list);
    }
  }
  let lossReasons: DealExtras['lossReasons'] = null;
  if (withs.has('loss_reason')) {
    const reasonIds = [
      ...new Set(deals.flatMap((d) => (d.loss_reason_id === null ? [] : [d.loss_reason_id]))),
    ];
    lossReasons = new Map((await listLossReasonsById(db, accountId, reasonIds)).map((r) => [r.id, r]));
  }
  return { withs, fields, tags, contacts, lossReasons };
}

/**
 * A deal as amoCRM's Lead. Nullable fields are null as the real service sends them
 * (closed_at, closest_task_at, loss_reason_id, score, labor_cost, source_id).
 */
export function presentDeal(href: Href, deal: DealRow, extras: DealExtras) {
  const { withs } = extras;
  const embedded: Record<string, unknown> = {
    tags: extras.tags.get(deal.id) ?? [],
    companies:
      deal.company_id === null
        ? []
        : [{ id: deal.company_id, _links: { self: { href: href(`/api/v4/companies/${deal.company_id}`) } } }],
  };
  if (extras.contacts) {
    embedded.contacts = (extras.contacts.get(deal.id) ?? []).map((c) => ({
      id: c.contact_id,
      is_main: c.is_main === 1,
      _links: { self: { href: href(`/api/v4/contacts/${c.contact_id}`) } },
    }));
  }
  if (extras.lossReasons && deal.loss_reason_id !== null) {
    const reason = extras.lossReasons.get(deal.loss_reason_id);
    if (reason) embedded.loss_reason = presentLossReason(href, reason);
  }
  if (withs.has('catalog_elements')) embedded.catalog_elements = [];
  const fieldValues = extras.fields.get(deal.id);
  return {
    id: deal.id,
    name: deal.name,
    price: deal.price,
    responsible_user_id: deal.responsible_user_id ?? 0,
    group_id: deal.group_id,
    status_id: toStatusId({ id: deal.stage_id, kind: deal.stage_kind }),
    pipeline_id: deal.pipeline_id,
    loss_reason_id: deal.loss_reason_id,
    ...(withs.has('source_id') ? { source_id: null } : {}),
    created_by: deal.created_by,
    updated_by: deal.updated_by,
    created_at: deal.created_at,
    updated_at: deal.updated_at,
    closed_at: deal.closed_at,
    closest_task_at: deal.closest_task_at,
    is_deleted: deal.deleted_at !== null,
    custom_fields_values: fieldValues && fieldValues.length > 0 ? fieldValues : null,
    score: null,
    account_id: deal.account_id,
    labor_cost: null,
    ...(withs.has('is_price_modified_by_robot')
      ? { is_price_modified_by_robot: deal.price_modified_by_robot === 1 }
      : {}),
    _links: { self: { href: href(`/api/v4/leads/${deal.id}`) } },
    _embedded: embedded,
  };
}
