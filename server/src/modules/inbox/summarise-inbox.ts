import type { IncomingCategory } from '../../db/types-inbox.ts';
import type { Ctx } from '../context.ts';
import { summariseIncomingLeads, type IncomingFilter } from './inbox.repo.ts';

export type InboxSummary = {
  total: number;
  /** Still waiting for a decision (a Voronka addition to amoCRM's summary). */
  pending: number;
  /** Accepted, or linked to an existing deal. */
  accepted: number;
  declined: number;
  /** Mean seconds from arrival to decision, over the decided entries. */
  average_sort_time: number;
  categories: Record<IncomingCategory, number>;
};

/** The counts of GET /api/v4/leads/unsorted/summary for the entries matching the filter. */
export async function summariseInbox(ctx: Ctx, filter: IncomingFilter): Promise<InboxSummary> {
  const rows = await summariseIncomingLeads(ctx.db, ctx.accountId, filter);
  const out: InboxSummary = {
    total: 0,
    pending: 0,
    accepted: 0,
    declined: 0,
    average_sort_time: 0,
    categories: { sip: 0, forms: 0, chats: 0, mail: 0 },
  };
  let sortTime = 0;
  for (const row of rows) {
    const n = Number(row.n);
    out.total += n;
    out.categories[row.category] += n;
    if (row.status === 'new') out.pending += n;
    else if (row.status === 'declined') out.declined += n;
    else out.accepted += n;
    if (row.status !== 'new') sortTime += Number(row.sort_time ?? 0);
  }
  const decided = out.accepted + out.declined;
  out.average_sort_time = decided === 0 ? 0 : Math.round(sortTime / decided);
  return out;
}
