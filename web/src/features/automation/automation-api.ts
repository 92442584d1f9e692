import {
  actionCatalogSchema,
  runSchema,
  triggerSchema,
  type AutomationTriggerOut,
  type TriggerInput,
} from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';

const stageSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.number(),
  sort: z.number(),
  color: z.string().optional(),
});
const pipelineSchema = z.object({
  id: z.number(),
  name: z.string(),
  is_main: z.boolean(),
  _embedded: z.object({ statuses: z.array(stageSchema) }),
});
export type PipelineInfo = z.infer<typeof pipelineSchema>;
export type StageInfo = z.infer<typeof stageSchema>;

export const fetchPipelines = async (): Promise<PipelineInfo[]> =>
  (
    await apiRequest(
      'GET',
      '/api/v4/leads/pipelines',
      decodeWith(z.object({ _embedded: z.object({ pipelines: z.array(pipelineSchema) }) })),
    )
  )._embedded.pipelines;

const userSchema = z.object({ id: z.number(), name: z.string() });
export type UserInfo = z.infer<typeof userSchema>;
export const fetchUsers = async (): Promise<UserInfo[]> =>
  (
    await apiRequest(
      'GET',
      '/api/v4/users?limit=250',
      decodeWith(z.object({ _embedded: z.object({ users: z.array(userSchema) }) })),
    )
  )._embedded.users;

const fieldSchema = z.object({ id: z.number(), name: z.string(), type: z.string() });
export type FieldInfo = z.infer<typeof fieldSchema>;
export const fetchDealFields = async (): Promise<FieldInfo[]> =>
  (
    await apiRequest(
      'GET',
      '/api/v4/leads/custom_fields?limit=250',
      decodeWith(z.object({ _embedded: z.object({ custom_fields: z.array(fieldSchema) }) })),
    )
  )._embedded.custom_fields;

export const fetchTriggers = (pipelineId: number) =>
  apiRequest('GET', `/api/app/pipelines/${pipelineId}/triggers`, decodeWith(z.array(triggerSchema)));

export const fetchActions = () =>
  apiRequest('GET', '/api/app/automation/actions', decodeWith(actionCatalogSchema));

export const fetchRuns = (pipelineId: number, triggerId?: number) =>
  apiRequest(
    'GET',
    `/api/app/pipelines/${pipelineId}/automation-runs?limit=50${triggerId ? `&trigger_id=${triggerId}` : ''}`,
    decodeWith(z.object({ items: z.array(runSchema), next_before: z.number().nullable() })),
  );

export const saveTrigger = (pipelineId: number, id: number | undefined, input: TriggerInput) =>
  apiRequest(
    id === undefined ? 'POST' : 'PUT',
    `/api/app/pipelines/${pipelineId}/triggers${id === undefined ? '' : `/${id}`}`,
    decodeWith(triggerSchema.extend({ applied: z.number() })),
    input,
  );

export const deleteTrigger = (pipelineId: number, id: number) =>
  apiRequest('DELETE', `/api/app/pipelines/${pipelineId}/triggers/${id}`, noContent);

/** The editable shape of a trigger (what the server answers, minus the read-only parts). */
export function toInput(t: AutomationTriggerOut): TriggerInput {
  return {
    name: t.name,
    stage_id: t.stage_id,
    when: t.when,
    delay: t.delay,
    conditions: t.conditions,
    action: t.action,
    is_active: t.is_active,
    run_if_left: t.run_if_left,
    apply_to_existing: false,
  };
}
