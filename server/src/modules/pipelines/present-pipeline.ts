import type { LossReason, Pipeline, Stage } from '../../db/types-crm.ts';
import { toStatusId } from './status-ids.ts';

/** Builds an absolute URL on the host the client called, for `_links.self.href`. */
export type Href = (path: string) => string;

const self = (href: Href, path: string) => ({ self: { href: href(path) } });

/** A stage as amoCRM's Status: type 1 for incoming leads, 0 otherwise; 142 / 143 for won / lost. */
export function presentStatus(href: Href, stage: Stage, withDescriptions = false) {
  const id = toStatusId(stage);
  return {
    id,
    name: stage.name,
    sort: stage.sort,
    is_editable: stage.kind === 'open',
    pipeline_id: stage.pipeline_id,
    color: stage.color,
    type: stage.kind === 'incoming' ? 1 : 0,
    account_id: stage.account_id,
    ...(withDescriptions ? { descriptions: [] } : {}),
    _links: self(href, `/api/v4/leads/pipelines/${stage.pipeline_id}/statuses/${id}`),
  };
}

/** A pipeline as amoCRM's Pipeline, its statuses embedded in board order. */
export function presentPipeline(href: Href, pipeline: Pipeline, stages: Stage[], withDescriptions = false) {
  return {
    id: pipeline.id,
    name: pipeline.name,
    sort: pipeline.sort,
    is_main: pipeline.is_main === 1,
    is_unsorted_on: pipeline.is_unsorted_on === 1,
    is_archive: pipeline.is_archive === 1,
    account_id: pipeline.account_id,
    _links: self(href, `/api/v4/leads/pipelines/${pipeline.id}`),
    _embedded: {
      statuses: stages
        .filter((s) => s.pipeline_id === pipeline.id)
        .map((s) => presentStatus(href, s, withDescriptions)),
    },
  };
}

export function presentLossReason(href: Href, reason: LossReason) {
  return {
    id: reason.id,
    name: reason.name,
    sort: reason.sort,
    created_at: reason.created_at,
    updated_at: reason.updated_at,
    _links: self(href, `/api/v4/leads/loss_reasons/${reason.id}`),
  };
}
