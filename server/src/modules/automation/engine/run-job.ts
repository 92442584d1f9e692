import { z } from 'zod';
import { defineJob } from '../../../jobs/queue.ts';

/** One scheduled run of a trigger for a deal; the run row is the source of truth. */
export const automationRunJob = defineJob('automation.run', z.object({ runId: z.number().int().positive() }));

/** The key that cancels a deal's delayed runs fired in a stage when it leaves that stage. */
export const stageCancelKey = (accountId: number, dealId: number, stageId: number) =>
  `automation:${accountId}:${dealId}:${stageId}`;
