import { eventTypes, type EventType, type Timeline, type TimelineItem } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { EntityType, Note } from '../../db/types-crm.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Ctx } from '../context.ts';
import { authorizeEntityView } from '../policy/guards.ts';
import { entityExists } from '../links/entity-refs.repo.ts';
import { presentMessages } from '../messenger/present-message.ts';
import { noteParams } from '../notes/present-note.ts';
import { endOfDay, taskState } from '../tasks/task-state.ts';
import { storedArray } from './event-values.ts';
import {
  FEED_RANK,
  feedEvents,
  feedMessages,
  feedNotes,
  feedRuns,
  feedTasks,
  pinnedNotes,
  type FeedCursor,
} from './timeline.repo.ts';

const known = new Set<string>(eventTypes);
const isEventType = (type: string): type is EventType => known.has(type);

export const encodeCursor = (c: FeedCursor): string =>
  Buffer.from(`${c.at}.${c.rank}.${c.id}`).toString('base64url');

function decodeCursor(text: string): FeedCursor {
  const match = /^(\d{1,15})\.([0-4])\.(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!match) throw badRequest([{ code: 'Invalid', path: 'cursor', detail: 'Malformed cursor' }]);
  return { at: Number(match[1]), rank: Number(match[2]), id: Number(match[3]) };
}

const noteItem = (n: Note) => ({
  kind: 'note' as const,
  id: n.id,
  note_type: n.note_type,
  params: noteParams(n),
  is_pinned: n.is_pinned === 1,
  created_by: n.created_by,
  created_at: n.created_at,
  updated_at: n.updated_at,
});

/** What a finished run said it did: `result_json.summary`, written by execute-run's finish. */
function runSummary(resultJson: string | null): string | null {
  if (!resultJson) return null;
  try {
    const parsed: unknown = JSON.parse(resultJson);
    return typeof parsed === 'object' &&
      parsed !== null &&
      'summary' in parsed &&
      typeof parsed.summary === 'string'
      ? parsed.summary
      : null;
  } catch {
    return null;
  }
}

const robotItem = (r: Awaited<ReturnType<typeof feedRuns>>[number]) => ({
  kind: 'robot' as const,
  id: r.id,
  trigger_id: r.trigger_id,
  label: r.feed_label,
  status: r.status === 'done' || r.status === 'failed' ? r.status : ('skipped' as const),
  summary: runSummary(r.result_json),
  error: r.status === 'failed' ? r.error : null,
  created_by: 0,
  created_at: r.ran_at,
});

type Ranked = { item: TimelineItem; rank: number };

/**
 * A deal's, contact's or company's feed for its card: events, notes, tasks, messages and robot
 * lines (a deal's automation runs) merged newest
 * first, `limit` at a time after `cursor`; the first page also carries the pinned notes.
 */
export async function listTimeline(
  ctx: Ctx,
  entityType: EntityType,
  entityId: number,
  cursorText: string | undefined,
  limit: number,
  /** Only this kind of item (the card's filter); the cursor stays valid within the kind. */
  kind?: TimelineItem['kind'],
): Promise<Timeline> {
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  if (!(await entityExists(ctx.db, ctx.accountId, entityType, entityId)))
    throw notFound(`No ${entityType} with this id`);
  await authorizeEntityView(ctx, entityType, entityId);
  const args = [ctx.db, ctx.accountId, entityType, entityId, cursor, limit + 1] as const;
  const wants = (k: TimelineItem['kind']) => kind === undefined || kind === k;
  const [events, notes, tasks, messages, runs] = await Promise.all([
    wants('event') ? feedEvents(...args) : [],
    wants('note') ? feedNotes(...args) : [],
    wants('task') ? feedTasks(...args) : [],
    wants('message') ? feedMessages(...args) : [],
    wants('robot') ? feedRuns(...args) : [],
  ]);
  const now = nowSeconds();
  const todayEnds = endOfDay(now, ctx.account.timezone);

  const ranked: Ranked[] = [
    ...events.flatMap((e): Ranked[] => {
      const type = e.type;
      if (!isEventType(type) || type === 'access.denied') return [];
      const item = {
        kind: 'event' as const,
        id: e.id,
        type,
        created_by: e.created_by,
        created_at: e.created_at,
        value_before: storedArray(e.value_before),
        value_after: storedArray(e.value_after),
      };
      return [{ item, rank: FEED_RANK.event }];
    }),
    ...notes.map((n) => ({ item: noteItem(n), rank: FEED_RANK.note })),
    ...tasks.map((t) => ({
      item: {
        kind: 'task' as const,
        id: t.id,
        text: t.text,
        task_type_id: t.task_type_id,
        complete_till: t.complete_till,
        responsible_user_id: t.responsible_user_id,
        is_completed: t.is_completed === 1,
        result_text: t.result_text,
        state: taskState(t, now, todayEnds),
        created_by: t.created_by,
        created_at: t.created_at,
      },
      rank: FEED_RANK.task,
    })),
    ...(await presentMessages(ctx.db, ctx.accountId, messages)).map((item) => ({
      item,
      rank: FEED_RANK.message,
    })),
    ...runs.map((r) => ({ item: robotItem(r), rank: FEED_RANK.robot })),
  ];
  ranked.sort((a, b) => b.item.created_at - a.item.created_at || b.rank - a.rank || b.item.id - a.item.id);
  const page = ranked.slice(0, limit);
  const last = page[page.length - 1];
  const hasMore = ranked.length > limit;
  return {
    pinned:
      cursor || !wants('note')
        ? []
        : (await pinnedNotes(ctx.db, ctx.accountId, entityType, entityId)).map(noteItem),
    items: page.map((r) => r.item),
    next_cursor:
      hasMore && last ? encodeCursor({ at: last.item.created_at, rank: last.rank, id: last.item.id }) : null,
  };
}
