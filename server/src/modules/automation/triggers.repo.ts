import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { AutomationTrigger, AutomationTriggersTable } from '../../db/types-automation.ts';

export const findTrigger = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
): Promise<AutomationTrigger | undefined> =>
  db
    .selectFrom('automation_triggers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const listPipelineTriggers = (
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
): Promise<AutomationTrigger[]> =>
  db
    .selectFrom('automation_triggers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();

/** The active triggers of a stage, including the pipeline's "all stages" ones. */
export const activeStageTriggers = (
  db: Kysely<DB>,
  accountId: number,
  pipelineId: number,
  stageId: number,
): Promise<AutomationTrigger[]> =>
  db
    .selectFrom('automation_triggers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pipeline_id', '=', pipelineId)
    .where((eb) => eb.or([eb('stage_id', '=', stageId), eb('stage_id', 'is', null)]))
    .where('is_active', '=', 1)
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const insertTrigger = (db: Kysely<DB>, row: Insertable<AutomationTriggersTable>) =>
  db.insertInto('automation_triggers').values(row).returningAll().executeTakeFirstOrThrow();

export const updateTriggerRow = (
  db: Kysely<DB>,
  accountId: number,
  id: number,
  patch: Updateable<AutomationTriggersTable>,
) =>
  db
    .updateTable('automation_triggers')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
