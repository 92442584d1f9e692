import type { BoardMeta } from '@voronka/common';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.ts';
import type { Ctx } from '../context.ts';
import { allFields } from '../fields/fields.repo.ts';
import { listLossReasons } from '../pipelines/loss-reasons.repo.ts';
import { listPipelines } from '../pipelines/pipelines.repo.ts';
import { listStages } from '../pipelines/stages.repo.ts';
import { toStatusId } from '../pipelines/status-ids.ts';
import { listTags } from '../tags/tags.repo.ts';
import { listUsers } from '../users/users.repo.ts';
import { policyOf, stageVisible } from '../policy/policy.ts';

const requiredStatuses = z.array(
  z.object({ pipeline_id: z.number().int().positive(), status_id: z.number().int().positive() }),
);

function parseRequired(text: string): BoardMeta['fields'][number]['required_statuses'] {
  try {
    const parsed = requiredStatuses.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** What the board picks from: pipelines with stages, users, deal tags, loss reasons, deal fields, sources. */
export async function getBoardMeta(ctx: Ctx): Promise<BoardMeta> {
  const { db, accountId } = ctx;
  const policy = await policyOf(ctx);
  const allPipelines = await listPipelines(db, accountId);
  const [allStages, users, tags, reasons, fields, sources] = await Promise.all([
    listStages(
      db,
      accountId,
      allPipelines.map((p) => p.id),
    ),
    listUsers(db, accountId),
    listTags(db, accountId, 'leads', {}, { limit: 1000, offset: 0 }),
    listLossReasons(db, accountId),
    allFields(db, accountId, 'leads'),
    listDealSources(db, accountId, 100),
  ]);
  // Rights: stages a role may not see, and pipelines left without a visible stage, are absent.
  const stages = allStages.filter((s) => stageVisible(policy, s.id));
  const pipelines = allPipelines.filter((p) => stages.some((s) => s.pipeline_id === p.id));
  return {
    pipelines: pipelines.map((p) => ({
      id: p.id,
      name: p.name,
      is_main: p.is_main === 1,
      is_archive: p.is_archive === 1,
      stages: stages
        .filter((s) => s.pipeline_id === p.id)
        .map((s) => ({ id: s.id, status_id: toStatusId(s), name: s.name, color: s.color, kind: s.kind })),
    })),
    users: users.map((u) => ({ id: u.id, name: u.name, is_active: u.is_active === 1 })),
    tags: tags.map((t) => ({ id: t.id, name: t.name, color: t.color })),
    loss_reasons: reasons.map((r) => ({ id: r.id, name: r.name })),
    fields: fields
      .filter((f) => f.is_api_only === 0)
      .map((f) => ({
        id: f.id,
        name: f.name,
        type: f.type,
        code: f.code,
        enums: f.enums.map((e) => ({ id: e.id, value: e.value })),
        required_statuses: parseRequired(f.required_statuses),
      })),
    sources,
  };
}

/**
 * The account's distinct deal sources, in order: a loose index scan over deals_source (each step
 * the least source above the last one), so the cost is the number of sources, not of deals.
 */
async function listDealSources(db: Kysely<DB>, accountId: number, limit: number) {
  const { rows } = await sql<{ source: string | null }>`
    WITH RECURSIVE s(source) AS (
      SELECT (SELECT min(source) FROM deals WHERE account_id = ${accountId} AND source IS NOT NULL)
      UNION ALL
      SELECT (SELECT min(d.source) FROM deals d WHERE d.account_id = ${accountId} AND d.source > s.source)
      FROM s WHERE s.source IS NOT NULL
    )
    SELECT source FROM s WHERE source IS NOT NULL LIMIT ${limit}`.execute(db);
  return rows.flatMap((r) => (r.source === null ? [] : [r.source]));
}
