import { LOST_STATUS_ID, WON_STATUS_ID } from '@voronka/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Stage } from '../../db/types-crm.ts';
import { findStage, findStageOfKind } from './stages.repo.ts';

/** The id the amoCRM API shows for a stage: 142 / 143 for won / lost, else the stage's own id. */
export const toStatusId = (stage: Pick<Stage, 'id' | 'kind'>): number =>
  stage.kind === 'won' ? WON_STATUS_ID : stage.kind === 'lost' ? LOST_STATUS_ID : stage.id;

export const isFixedStatusId = (statusId: number): boolean =>
  statusId === WON_STATUS_ID || statusId === LOST_STATUS_ID;

/**
 * The stage an amoCRM status id names within a pipeline: 142 / 143 are that pipeline's won /
 * lost stage; any other id must be a stage of that pipeline.
 */
export async function findStatusInPipeline(
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  statusId: number,
): Promise<Stage | undefined> {
  if (statusId === WON_STATUS_ID) return findStageOfKind(db, accountId, pipelineId, 'won');
  if (statusId === LOST_STATUS_ID) return findStageOfKind(db, accountId, pipelineId, 'lost');
  const stage = await findStage(db, accountId, statusId);
  return stage?.pipeline_id === pipelineId ? stage : undefined;
}
