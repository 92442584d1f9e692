import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Notification } from '../../db/types-automation.ts';
import type { Ctx } from '../context.ts';
import { accountUserIds } from '../users/users.repo.ts';
import { insertNotifications } from './notifications.repo.ts';

export type NotifyInput = {
  /** One recipient or several; users outside the account are skipped. */
  userIds: number | number[];
  /** What raised it: `automation`, `task`, `inbox`, ... */
  kind: string;
  title: string;
  body?: string;
  /** An app path, e.g. `/deals/42`. */
  link?: string | null;
  entity?: { type: string; id: number } | null;
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Puts a notification in the app's bell for each recipient, in the caller's transaction (so it
 * exists iff the change that caused it commits). Plain text: the web app renders it as text,
 * never as HTML. Returns the rows written.
 */
export async function notifyUser(ctx: Ctx, input: NotifyInput): Promise<Notification[]> {
  const wanted = [...new Set(Array.isArray(input.userIds) ? input.userIds : [input.userIds])];
  const known = await accountUserIds(ctx.db, ctx.accountId, wanted);
  const now = nowSeconds();
  return insertNotifications(
    ctx.db,
    wanted
      .filter((id) => known.has(id))
      .map((userId) => ({
        account_id: ctx.accountId,
        user_id: userId,
        kind: clip(input.kind, 50),
        title: clip(input.title, 500),
        body: clip(input.body ?? '', 5000),
        link: input.link ?? null,
        entity_type: input.entity?.type ?? null,
        entity_id: input.entity?.id ?? null,
        created_by: ctx.userId,
        created_at: now,
      })),
  );
}
