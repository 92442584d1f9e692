import {
  stageKinds,
  type Board,
  type BoardCardState,
  type BoardDeal,
  type BoardMeta,
  type BoardStage,
  type BoardStagePage,
} from '@voronka/common';
import { arr, bool, id, nullable, num, obj, oneOf, str } from '../../app/read-json';

// Handwritten decoders of the board's responses, checking what common's zod schemas (boardSchema,
// boardMetaSchema, boardStagePageSchema, boardCardStateSchema) describe: the board's first screen
// waits for them, and zod's schema set-up and first parse of a hundred cards took longer than the
// rendering of those cards. Unknown keys are dropped, like zod's objects do; a wrong shape throws a
// DecodeError naming the path, which the board shows as its load error.

const party = (value: unknown, path: string) => {
  const o = obj(value, path);
  return { id: id(o.id, `${path}.id`), name: str(o.name, `${path}.name`) };
};

const tag = (value: unknown, path: string) => {
  const o = obj(value, path);
  return {
    id: id(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    color: nullable(o.color, `${path}.color`, str),
  };
};

function dealCan(value: unknown, path: string): NonNullable<BoardDeal['can']> {
  const o = obj(value, path);
  return {
    edit: bool(o.edit, `${path}.edit`),
    delete: bool(o.delete, `${path}.delete`),
    move_out: bool(o.move_out, `${path}.move_out`),
  };
}

export function decodeBoardDeal(value: unknown, path = 'deal'): BoardDeal {
  const o = obj(value, path);
  const deal: BoardDeal = {
    id: id(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    price: num(o.price, `${path}.price`),
    pipeline_id: id(o.pipeline_id, `${path}.pipeline_id`),
    stage_id: id(o.stage_id, `${path}.stage_id`),
    position: num(o.position, `${path}.position`),
    responsible_user_id: nullable(o.responsible_user_id, `${path}.responsible_user_id`, num),
    created_at: num(o.created_at, `${path}.created_at`),
    updated_at: num(o.updated_at, `${path}.updated_at`),
    stage_entered_at: num(o.stage_entered_at, `${path}.stage_entered_at`),
    closed_at: nullable(o.closed_at, `${path}.closed_at`, num),
    closest_task_at: nullable(o.closest_task_at, `${path}.closest_task_at`, num),
    main_contact: nullable(o.main_contact, `${path}.main_contact`, party),
    company: nullable(o.company, `${path}.company`, party),
    tags: arr(o.tags, `${path}.tags`, tag),
  };
  if (o.can !== undefined) deal.can = dealCan(o.can, `${path}.can`);
  if (o.overdue_days !== undefined) deal.overdue_days = num(o.overdue_days, `${path}.overdue_days`);
  return deal;
}

function decodeStage(value: unknown, path: string): BoardStage {
  const o = obj(value, path);
  const s = obj(o.stage, `${path}.stage`);
  const column: BoardStage = {
    stage: {
      id: id(s.id, `${path}.stage.id`),
      status_id: id(s.status_id, `${path}.stage.status_id`),
      pipeline_id: id(s.pipeline_id, `${path}.stage.pipeline_id`),
      name: str(s.name, `${path}.stage.name`),
      color: str(s.color, `${path}.stage.color`),
      sort: num(s.sort, `${path}.stage.sort`),
      kind: oneOf(stageKinds, s.kind, `${path}.stage.kind`),
    },
    count: num(o.count, `${path}.count`),
    sum: num(o.sum, `${path}.sum`),
    deals: arr(o.deals, `${path}.deals`, decodeBoardDeal),
    has_more: bool(o.has_more, `${path}.has_more`),
  };
  if (o.can !== undefined) {
    const can = obj(o.can, `${path}.can`);
    column.can = { move_in: bool(can.move_in, `${path}.can.move_in`), add: bool(can.add, `${path}.can.add`) };
  }
  if (o.max_days !== undefined) column.max_days = num(o.max_days, `${path}.max_days`);
  return column;
}

/** GET /api/app/board. */
export function decodeBoard(value: unknown): Board {
  const o = obj(value, 'board');
  const p = obj(o.pipeline, 'pipeline');
  return {
    pipeline: {
      id: id(p.id, 'pipeline.id'),
      name: str(p.name, 'pipeline.name'),
      is_main: bool(p.is_main, 'pipeline.is_main'),
      is_unsorted_on: bool(p.is_unsorted_on, 'pipeline.is_unsorted_on'),
      is_archive: bool(p.is_archive, 'pipeline.is_archive'),
    },
    stages: arr(o.stages, 'stages', decodeStage),
  };
}

/** GET /api/app/board/stages/:id/deals. */
export function decodeStagePage(value: unknown): BoardStagePage {
  const o = obj(value, 'page');
  return { deals: arr(o.deals, 'deals', decodeBoardDeal), has_more: bool(o.has_more, 'has_more') };
}

/** GET /api/app/board/deals/:id. */
export function decodeCardState(value: unknown): BoardCardState {
  const o = obj(value, 'card');
  return {
    deal_id: id(o.deal_id, 'deal_id'),
    deal: nullable(o.deal, 'deal', decodeBoardDeal),
    totals: arr(o.totals, 'totals', (t, path) => {
      const total = obj(t, path);
      return {
        stage_id: id(total.stage_id, `${path}.stage_id`),
        count: num(total.count, `${path}.count`),
        sum: num(total.sum, `${path}.sum`),
      };
    }),
  };
}

type MetaPipeline = BoardMeta['pipelines'][number];
type MetaField = BoardMeta['fields'][number];

const named = (value: unknown, path: string) => {
  const o = obj(value, path);
  return { id: id(o.id, `${path}.id`), name: str(o.name, `${path}.name`) };
};

function metaPipeline(value: unknown, path: string): MetaPipeline {
  const o = obj(value, path);
  return {
    id: id(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    is_main: bool(o.is_main, `${path}.is_main`),
    is_archive: bool(o.is_archive, `${path}.is_archive`),
    stages: arr(o.stages, `${path}.stages`, (v, at) => {
      const s = obj(v, at);
      return {
        id: id(s.id, `${at}.id`),
        status_id: id(s.status_id, `${at}.status_id`),
        name: str(s.name, `${at}.name`),
        color: str(s.color, `${at}.color`),
        kind: oneOf(stageKinds, s.kind, `${at}.kind`),
      };
    }),
  };
}

function metaField(value: unknown, path: string): MetaField {
  const o = obj(value, path);
  return {
    id: id(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    type: str(o.type, `${path}.type`),
    code: nullable(o.code, `${path}.code`, str),
    enums: arr(o.enums, `${path}.enums`, (v, at) => {
      const e = obj(v, at);
      return { id: id(e.id, `${at}.id`), value: str(e.value, `${at}.value`) };
    }),
    required_statuses: arr(o.required_statuses, `${path}.required_statuses`, (v, at) => {
      const r = obj(v, at);
      return {
        pipeline_id: id(r.pipeline_id, `${at}.pipeline_id`),
        status_id: id(r.status_id, `${at}.status_id`),
      };
    }),
  };
}

/** GET /api/app/board/meta. */
export function decodeBoardMeta(value: unknown): BoardMeta {
  const o = obj(value, 'meta');
  return {
    pipelines: arr(o.pipelines, 'pipelines', metaPipeline),
    users: arr(o.users, 'users', (v, path) => {
      const u = obj(v, path);
      return {
        id: id(u.id, `${path}.id`),
        name: str(u.name, `${path}.name`),
        is_active: bool(u.is_active, `${path}.is_active`),
      };
    }),
    tags: arr(o.tags, 'tags', tag),
    loss_reasons: arr(o.loss_reasons, 'loss_reasons', named),
    fields: arr(o.fields, 'fields', metaField),
    sources: arr(o.sources, 'sources', str),
  };
}
