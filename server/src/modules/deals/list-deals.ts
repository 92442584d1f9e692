import { WON_STATUS_ID } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { pageOffset } from '../../http/v4-list.ts';
import { findContactsByPhoneOrEmail } from '../contacts/contacts.repo.ts';
import { phoneOrNull } from '../fields/normalise.ts';
import type { Ctx } from '../context.ts';
import { policyOf } from '../policy/policy.ts';
import { dealScope } from '../policy/policy.sql.ts';
import { findStage, listStages, stageIdsOfKind } from '../pipelines/stages.repo.ts';
import { findStatusInPipeline, isFixedStatusId } from '../pipelines/status-ids.ts';
import type { DealRow } from './deals.repo.ts';
import { dealIdsWithPhone, listDeals, type DealListSpec } from './deals-list.repo.ts';
import type { DealFilter, DealListQuery } from './deals.schema.ts';

type StatusEntry = NonNullable<DealFilter['statuses']>[number];

/**
 * `filter[statuses]` as stage ids: 142 / 143 with a pipeline are its won / lost stage, alone
 * every pipeline's; a pipeline alone is all its stages. Unknown or foreign ids match nothing.
 */
async function stageIdsOf(db: Kysely<DB>, accountId: number, entries: StatusEntry[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const { status_id: statusId, pipeline_id: pipelineId } of entries) {
    if (statusId === undefined) {
      if (pipelineId !== undefined)
        for (const s of await listStages(db, accountId, [pipelineId])) ids.add(s.id);
    } else if (isFixedStatusId(statusId)) {
      const kind = statusId === WON_STATUS_ID ? 'won' : 'lost';
      const found =
        pipelineId === undefined
          ? await stageIdsOfKind(db, accountId, kind)
          : [(await findStatusInPipeline(db, accountId, pipelineId, statusId))?.id];
      for (const id of found) if (id !== undefined) ids.add(id);
    } else {
      const stage = await findStage(db, accountId, statusId);
      if (stage && (pipelineId === undefined || stage.pipeline_id === pipelineId)) ids.add(stage.id);
    }
  }
  return [...ids];
}

const PHONE_LIKE = /^[+\d\s().-]+$/;

/** `query=`: the deal's name, id and field values, and its contacts' names, phones and e-mails. */
export async function searchOf(
  db: Kysely<DB>,
  accountId: number,
  country: string,
  query: string,
): Promise<DealListSpec['search']> {
  const text = query.toLowerCase();
  const digits = query.replace(/\D/g, '');
  const phones = PHONE_LIKE.test(query) && digits.length >= 5 ? [query] : [];
  const emails = query.includes('@') ? [query] : [];
  const contactIds =
    phones.length || emails.length ? await findContactsByPhoneOrEmail(db, accountId, phones, emails) : [];
  const phone = phoneOrNull(query.trim(), country);
  const phoneDealIds = phone ? await dealIdsWithPhone(db, accountId, contactIds, phone) : null;
  return { text, id: /^\d{1,15}$/.test(query) ? Number(query) : null, contactIds, phoneDealIds };
}

/** GET /api/v4/leads: one page of the account's deals matching amoCRM's filters and search. */
export async function listDealsPage(
  ctx: Ctx,
  query: DealListQuery,
  opts: { onlyDeleted: boolean },
): Promise<DealRow[]> {
  const { db, accountId } = ctx;
  const f = query.filter ?? {};
  const orderColumn = (['created_at', 'updated_at', 'id'] as const).find((c) => query.order?.[c]) ?? 'id';
  const spec: DealListSpec = {
    ids: f.id,
    namesLc: f.name?.map((n) => n.trim().toLowerCase()),
    price: f.price,
    stageIds: f.statuses ? await stageIdsOf(db, accountId, f.statuses) : null,
    pipelineIds: f.pipeline_id,
    createdBy: f.created_by,
    updatedBy: f.updated_by,
    responsibleUserIds: f.responsible_user_id,
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    closedAt: f.closed_at,
    closestTaskAt: f.closest_task_at,
    search: query.query ? await searchOf(db, accountId, ctx.account.country, query.query) : undefined,
    onlyDeleted: opts.onlyDeleted,
    scope: dealScope(await policyOf(ctx)),
    order: { column: orderColumn, direction: query.order?.[orderColumn] ?? 'asc' },
    offset: pageOffset(query),
    limit: query.limit,
  };
  return listDeals(db, accountId, spec);
}
