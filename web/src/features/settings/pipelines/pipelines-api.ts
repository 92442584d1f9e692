import { z } from 'zod';
import { apiRequest, noContent } from '../../../app/api';
import { decodeWith } from '../../../app/decode';

const statusSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  color: z.string(),
  type: z.number(),
  pipeline_id: z.number(),
  is_editable: z.boolean(),
});
export type Status = z.infer<typeof statusSchema>;

const pipelineSchema = z.object({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_main: z.boolean(),
  is_unsorted_on: z.boolean(),
  is_archive: z.boolean(),
  _embedded: z.object({ statuses: z.array(statusSchema) }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

export type StageRole = 'incoming' | 'open' | 'won' | 'lost';

/** amoCRM marks the incoming stage with type 1, won and lost with the fixed ids 142 / 143. */
export function stageRole(status: Status): StageRole {
  if (status.type === 1) return 'incoming';
  if (status.id === 142) return 'won';
  if (status.id === 143) return 'lost';
  return 'open';
}

export const pipelinesKey = ['settings', 'pipelines'] as const;
const base = '/api/v4/leads/pipelines';

export const fetchPipelines = async (): Promise<Pipeline[]> =>
  (
    await apiRequest(
      'GET',
      base,
      decodeWith(z.object({ _embedded: z.object({ pipelines: z.array(pipelineSchema) }) })),
    )
  )._embedded.pipelines;

/** Decodes amoCRM's batch answer `{ _embedded: { <key>: [...] } }` into its items. */
const batchOf = <T>(key: string, item: z.ZodType<T>) =>
  decodeWith(
    z.object({ _embedded: z.record(z.string(), z.array(item)) }).transform((v) => v._embedded[key] ?? []),
  );

export async function createPipeline(input: { name: string; stages: string[] }): Promise<Pipeline> {
  const created = await apiRequest('POST', base, batchOf('pipelines', pipelineSchema), [
    {
      name: input.name,
      is_unsorted_on: true,
      _embedded: { statuses: input.stages.map((name, i) => ({ name, sort: (i + 1) * 10 })) },
    },
  ]);
  const [first] = created;
  if (!first) throw new Error('The server created no pipeline');
  return first;
}

export type PipelinePatch = Partial<
  Pick<Pipeline, 'name' | 'is_main' | 'is_unsorted_on' | 'is_archive' | 'sort'>
>;

export const updatePipeline = (id: number, patch: PipelinePatch) =>
  apiRequest('PATCH', `${base}/${id}`, decodeWith(pipelineSchema), patch);

export const deletePipeline = (id: number) => apiRequest('DELETE', `${base}/${id}`, noContent);

export const createStage = (pipelineId: number, input: { name: string; color: string }) =>
  apiRequest('POST', `${base}/${pipelineId}/statuses`, batchOf('statuses', statusSchema), [input]);

export const updateStage = (pipelineId: number, statusId: number, patch: { name?: string; color?: string }) =>
  apiRequest('PATCH', `${base}/${pipelineId}/statuses/${statusId}`, decodeWith(statusSchema), patch);

/** Writes the new order of the open stages in one batch (sort 10, 20, ...). */
export const reorderStages = (pipelineId: number, orderedIds: number[]) =>
  apiRequest(
    'PATCH',
    `${base}/${pipelineId}/statuses`,
    batchOf('statuses', statusSchema),
    orderedIds.map((id, i) => ({ id, sort: (i + 1) * 10 })),
  );

export const deleteStage = (pipelineId: number, statusId: number, moveTo: number | null) =>
  apiRequest(
    'DELETE',
    `${base}/${pipelineId}/statuses/${statusId}${moveTo === null ? '' : `?move_to=${moveTo}`}`,
    noContent,
  );

const lossReasonSchema = z.object({ id: z.number(), name: z.string(), sort: z.number() });
export type LossReason = z.infer<typeof lossReasonSchema>;
export const lossReasonsKey = ['settings', 'loss-reasons'] as const;
const reasonsBase = '/api/v4/leads/loss_reasons';

/** The list answers 204 when there are none. */
export const fetchLossReasons = () =>
  apiRequest('GET', reasonsBase, (value: unknown) =>
    value === undefined
      ? []
      : decodeWith(z.object({ _embedded: z.object({ loss_reasons: z.array(lossReasonSchema) }) }))(value)
          ._embedded.loss_reasons,
  );
export const createLossReason = (name: string) =>
  apiRequest('POST', reasonsBase, batchOf('loss_reasons', lossReasonSchema), [{ name }]);
export const updateLossReason = (id: number, patch: { name?: string; sort?: number }) =>
  apiRequest('PATCH', `${reasonsBase}/${id}`, decodeWith(lossReasonSchema), patch);
export const deleteLossReason = (id: number) => apiRequest('DELETE', `${reasonsBase}/${id}`, noContent);
