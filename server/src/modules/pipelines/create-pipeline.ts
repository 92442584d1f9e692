import { WON_STATUS_ID } from '@voronka/common';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { Pipeline } from '../../db/types-crm.ts';
import { msg } from '../../http/messages.ts';
import type { Ctx } from '../context.ts';
import { defaultOpenStages, fixedStages, INCOMING_SORT, OPEN_SORT_STEP } from './default-pipeline.ts';
import { asBatchItem, refuse } from './errors.ts';
import { clearMainPipeline, countPipelines, insertPipeline, maxPipelineSort } from './pipelines.repo.ts';
import type { PipelineCreateInput } from './pipelines.schema.ts';
import { insertStages } from './stages.repo.ts';
import { withTransaction } from './with-transaction.ts';

export const MAX_PIPELINES = 50;
export const MAX_STAGES = 100;
const palette = ['#99ccff', '#ffff99', '#ffcc66', '#ffcccc', '#ccc8f9', '#98cbff', '#deff81', '#87f2c0'];

/**
 * Creates a pipeline with its incoming, won and lost stages and the open stages given (the
 * account's default ones when none are). A status item with id 142 / 143 names won / lost.
 */
export function createPipeline(ctx: Ctx, input: PipelineCreateInput): Promise<Pipeline> {
  return withTransaction(ctx, async ({ db, accountId, account }) => {
    if ((await countPipelines(db, accountId)) >= MAX_PIPELINES) {
      throw refuse(msg('pipeline.max_pipelines', { max: MAX_PIPELINES }), 'name', 'LimitExceeded');
    }
    if (input.is_main && input.is_archive) {
      throw refuse(msg('pipeline.main_not_archived'), 'is_archive', 'NotSupportedChoice');
    }
    const now = nowSeconds();
    if (input.is_main) await clearMainPipeline(db, accountId, now);
    const pipeline = await insertPipeline(db, {
      account_id: accountId,
      name: input.name,
      sort: input.sort ?? (await maxPipelineSort(db, accountId)) + 1,
      is_main: input.is_main ? 1 : 0,
      is_unsorted_on: input.is_unsorted_on === false ? 0 : 1,
      is_archive: input.is_archive ? 1 : 0,
      created_at: now,
      updated_at: now,
    });

    const given = input._embedded?.statuses ?? [];
    const renames = new Map(
      given.filter((s) => s.id !== undefined).map((s) => [s.id === WON_STATUS_ID ? 'won' : 'lost', s]),
    );
    const open = given.filter((s) => s.id === undefined);
    const openStages =
      open.length > 0
        ? open.map((s, i) => ({
            name: s.name,
            kind: 'open' as const,
            sort: s.sort ?? INCOMING_SORT + OPEN_SORT_STEP * (i + 1),
            color: s.color ?? palette[i % palette.length] ?? '#99ccff',
          }))
        : defaultOpenStages(account.locale);
    const fixed = fixedStages(account.locale).map((s) => {
      const rename = renames.get(s.kind);
      return rename ? { ...s, name: rename.name, color: rename.color ?? s.color } : s;
    });
    await insertStages(
      db,
      [...fixed, ...openStages].map((s) => ({
        ...s,
        account_id: accountId,
        pipeline_id: pipeline.id,
        created_at: now,
        updated_at: now,
      })),
    );
    return pipeline;
  });
}

/** A batch of pipelines in one transaction: all are created or none. */
export function createPipelines(ctx: Ctx, items: PipelineCreateInput[]): Promise<Pipeline[]> {
  return withTransaction(ctx, async (trxCtx) => {
    const out: Pipeline[] = [];
    for (const [i, item] of items.entries()) {
      out.push(await asBatchItem(item.request_id ?? String(i), () => createPipeline(trxCtx, item)));
    }
    return out;
  });
}
