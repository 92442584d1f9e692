import { notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { deleteWebhook } from './webhooks.repo.ts';

/** Removes the subscription of a destination; deliveries still queued for it are dropped. */
export async function unsubscribeWebhook(ctx: Ctx, destination: string): Promise<void> {
  if (!(await deleteWebhook(ctx.db, ctx.accountId, destination)))
    throw notFound('No webhook with this destination');
}
