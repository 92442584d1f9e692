import type { IncomingLead, IncomingSource } from '../../db/types-inbox.ts';
import type { Ctx } from '../context.ts';
import { listIncomingLeads, listSources, type IncomingFilter } from './inbox.repo.ts';

export type IncomingPage = { rows: IncomingLead[]; sources: Map<number, IncomingSource> };

/** A page of entries (one extra row signals a next page) with their sources. */
export async function listIncomingPage(
  ctx: Ctx,
  filter: IncomingFilter,
  page: { page: number; limit: number; order?: { field: 'created_at' | 'updated_at'; dir: 'asc' | 'desc' } },
): Promise<IncomingPage> {
  const rows = await listIncomingLeads(ctx.db, ctx.accountId, filter, {
    offset: (page.page - 1) * page.limit,
    limit: page.limit,
    order: page.order ?? { field: 'created_at', dir: 'desc' },
  });
  const sources = new Map((await listSources(ctx.db, ctx.accountId)).map((s) => [s.id, s]));
  return { rows, sources };
}
