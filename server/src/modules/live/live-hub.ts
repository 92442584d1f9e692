import type { LiveChange } from '@voronka/common';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { dealHeads, eventsSince, lastEventId, taskParents, type LiveEventRow } from './live.repo.ts';

type Heads = Awaited<ReturnType<typeof dealHeads>>;
type Parents = Awaited<ReturnType<typeof taskParents>>;

/** What a change needs besides its event row: deal heads and task parents, read once per batch. */
async function lookups(db: Kysely<DB>, rows: LiveEventRow[]) {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.entity_type === type).map((r) => r.entity_id)),
  ];
  const [heads, parents] = await Promise.all([dealHeads(db, ids('leads')), taskParents(db, ids('tasks'))]);
  return { heads, parents };
}

function toChange(row: LiveEventRow, { heads, parents }: { heads: Heads; parents: Parents }): LiveChange {
  const head = row.entity_type === 'leads' ? heads.get(row.entity_id) : undefined;
  const own = head?.account_id === row.account_id ? head : undefined;
  const parent = row.entity_type === 'tasks' ? parents.get(row.entity_id) : undefined;
  const ownParent = parent?.account_id === row.account_id ? parent : undefined;
  return {
    id: row.id,
    type: row.type,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    created_by: row.created_by,
    responsible_user_id: own?.responsible_user_id ?? null,
    pipeline_id: own?.pipeline_id ?? null,
    parent_type: ownParent?.entity_type ?? null,
    parent_id: ownParent?.entity_id ?? null,
  };
}

export type LiveListener = { accountId: number; send: (change: LiveChange) => void };

export type LiveHubOptions = {
  /** How often the events table is read while anyone listens. */
  pollMs?: number;
  /**
   * How long a missing event id is waited for. On PostgreSQL ids are taken before commit, so a
   * later id can be visible before an earlier one; SQLite commits in id order, so a hole there is
   * a rolled-back transaction and is skipped at once.
   */
  holeGraceMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
};

/**
 * Fans committed domain events out to this node's open streams. Every app node polls the shared
 * events table by id (one indexed query per tick, only while someone listens), so a change made
 * on any node, by the API, an automation or a form, reaches every open board.
 */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private timer: NodeJS.Timeout | null = null;
  private cursor: number | null = null;
  /** Ids above the cursor already sent (they arrived while a lower id was still missing). */
  private readonly sentAhead = new Set<number>();
  private hole: { id: number; since: number } | null = null;
  private polling = false;
  private readonly pollMs: number;
  private readonly holeGraceMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: LiveHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.holeGraceMs = options.holeGraceMs ?? (isPostgres ? 5000 : 0);
    this.batchSize = options.batchSize ?? 500;
  }

  /** The id of the last event handed out; new listeners replay from a client's Last-Event-ID up to it. */
  get position(): number | null {
    return this.cursor;
  }

  async subscribe(listener: LiveListener): Promise<() => void> {
    if (this.cursor === null) this.cursor = await lastEventId(this.db);
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.tick(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Without listeners nothing needs the history: the next subscriber starts from "now".
    this.cursor = null;
    this.sentAhead.clear();
    this.hole = null;
  }

  /** One poll: hands out the new events and moves the cursor over every id without a hole. */
  async tick(now = Date.now()): Promise<void> {
    if (this.polling || this.cursor === null) return;
    this.polling = true;
    try {
      const start = this.cursor;
      const rows = await eventsSince(this.db, start, this.batchSize);
      const fresh = rows.filter((r) => !this.sentAhead.has(r.id));
      if (fresh.length > 0) await this.deliver(fresh);
      if (this.cursor !== start) return; // stopped (and maybe restarted) meanwhile
      let cursor = start;
      for (const row of rows) {
        if (row.id !== cursor + 1) {
          const missing = cursor + 1;
          if (this.hole?.id !== missing) this.hole = { id: missing, since: now };
          if (now - this.hole.since < this.holeGraceMs) break;
        }
        cursor = row.id;
        this.hole = null;
      }
      for (const row of rows) if (row.id > cursor) this.sentAhead.add(row.id);
      for (const id of this.sentAhead) if (id <= cursor) this.sentAhead.delete(id);
      this.cursor = cursor;
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.polling = false;
    }
  }

  private async deliver(rows: LiveEventRow[]): Promise<void> {
    const found = await lookups(this.db, rows);
    for (const row of rows) {
      const change = toChange(row, found);
      for (const listener of this.listeners) {
        if (listener.accountId === row.account_id) listener.send(change);
      }
    }
  }

  /** The events of one account after a client's Last-Event-ID, up to what the hub has handed out. */
  async backlog(
    accountId: number,
    afterId: number,
    upTo: number,
    limit: number,
  ): Promise<LiveChange[] | null> {
    const rows = (await eventsSince(this.db, afterId, limit + 1, accountId)).filter((r) => r.id <= upTo);
    if (rows.length > limit) return null;
    const found = await lookups(this.db, rows);
    return rows.map((row) => toChange(row, found));
  }
}
