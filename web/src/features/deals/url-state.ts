import { dealFilterKeys, dealTaskFilters, type DealTaskFilter } from '@voronka/common';

/** What the deals screen keeps in its URL, so a reload or a shared link shows the same deals. */
export type DealsFilterState = {
  q: string;
  responsible: number[];
  tags: number[];
  stages: number[];
  /** YYYY-MM-DD, in the browser's time zone. */
  createdFrom: string;
  createdTo: string;
  closedFrom: string;
  closedTo: string;
  task: DealTaskFilter | null;
  source: string;
  /** Custom field id -> enum id or text. */
  fields: Record<string, string>;
};

export const emptyFilter: DealsFilterState = {
  q: '',
  responsible: [],
  tags: [],
  stages: [],
  createdFrom: '',
  createdTo: '',
  closedFrom: '',
  closedTo: '',
  task: null,
  source: '',
  fields: {},
};

const ids = (v: string | null) =>
  (v ?? '')
    .split(',')
    .filter((s) => /^\d{1,15}$/.test(s.trim()))
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n >= 0);
const isoDay = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
const FIELD_PARAM = /^cf\[(\d{1,15})\]$/;

export function readFilter(params: URLSearchParams): DealsFilterState {
  const task = params.get('task');
  const fields: Record<string, string> = {};
  for (const [key, value] of params) {
    const m = FIELD_PARAM.exec(key);
    if (m?.[1] && value.trim()) fields[m[1]] = value;
  }
  return {
    q: params.get('q') ?? '',
    responsible: ids(params.get('responsible')),
    tags: ids(params.get('tags')),
    stages: ids(params.get('stages')),
    createdFrom: isoDay(params.get('created_from')),
    createdTo: isoDay(params.get('created_to')),
    closedFrom: isoDay(params.get('closed_from')),
    closedTo: isoDay(params.get('closed_to')),
    task: dealTaskFilters.find((x) => x === task) ?? null,
    source: params.get('source') ?? '',
    fields,
  };
}

/** Writes the filter into a copy of the URL's params (other params, such as the view, stay). */
export function writeFilter(params: URLSearchParams, f: DealsFilterState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of dealFilterKeys) next.delete(key);
  for (const key of [...next.keys()]) if (FIELD_PARAM.test(key)) next.delete(key);
  const set = (key: string, value: string) => {
    if (value) next.set(key, value);
  };
  set('q', f.q.trim());
  set('responsible', f.responsible.join(','));
  set('tags', f.tags.join(','));
  set('stages', f.stages.join(','));
  set('created_from', f.createdFrom);
  set('created_to', f.createdTo);
  set('closed_from', f.closedFrom);
  set('closed_to', f.closedTo);
  set('task', f.task ?? '');
  set('source', f.source);
  for (const [id, value] of Object.entries(f.fields)) set(`cf[${id}]`, value);
  return next;
}

/** Unix seconds of a local calendar day's first (or last) second. */
function dayBound(day: string, end: boolean): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = end
    ? new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1, 0, 0, 0)
    : new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
  return String(Math.floor(date.getTime() / 1000) - (end ? 1 : 0));
}

/** The filter as the app API's query parameters (dates become unix seconds). */
export function apiFilterParams(f: DealsFilterState): URLSearchParams {
  const p = writeFilter(new URLSearchParams(), {
    ...f,
    createdFrom: '',
    createdTo: '',
    closedFrom: '',
    closedTo: '',
  });
  if (f.createdFrom) p.set('created_from', dayBound(f.createdFrom, false));
  if (f.createdTo) p.set('created_to', dayBound(f.createdTo, true));
  if (f.closedFrom) p.set('closed_from', dayBound(f.closedFrom, false));
  if (f.closedTo) p.set('closed_to', dayBound(f.closedTo, true));
  return p;
}

/** How many filter conditions are set (the search box not counted). */
export function activeConditions(f: DealsFilterState): number {
  return (
    (f.responsible.length ? 1 : 0) +
    (f.tags.length ? 1 : 0) +
    (f.stages.length ? 1 : 0) +
    (f.createdFrom || f.createdTo ? 1 : 0) +
    (f.closedFrom || f.closedTo ? 1 : 0) +
    (f.task ? 1 : 0) +
    (f.source ? 1 : 0) +
    Object.keys(f.fields).length
  );
}
