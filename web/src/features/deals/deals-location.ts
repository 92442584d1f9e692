// What the deals screen's address means for its first request. No imports: app/early-requests.ts
// builds the board's path from it before the rest of the app's code has run.

/** How many cards a column loads at a time. */
export const PAGE_SIZE = 30;

/** The view and the pipeline the deals screen's URL asks for (`null`: the main pipeline). */
export function readDealsView(params: URLSearchParams): {
  view: 'board' | 'list';
  pipelineId: number | null;
} {
  const pipeline = Number(params.get('pipeline'));
  return {
    view: params.get('view') === 'list' ? 'list' : 'board',
    pipelineId: Number.isInteger(pipeline) && pipeline > 0 ? pipeline : null,
  };
}

/** GET /api/app/board for a pipeline under the filter's API parameters: each column's first page. */
export function boardPath(pipelineId: number | null, filter: URLSearchParams): string {
  const params = new URLSearchParams(filter);
  if (pipelineId !== null) params.set('pipeline_id', String(pipelineId));
  params.set('limit_per_stage', String(PAGE_SIZE));
  return `/api/app/board?${params.toString()}`;
}
