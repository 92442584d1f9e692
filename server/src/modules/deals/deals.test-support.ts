import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../db/types.ts';
import { setupAdmin } from '../../test/factories.ts';
import { assertMatchesSpec } from '../../test/spec.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in administrator calling the app through `inject`, as the browser or an integration would. */
export async function signedInClient(app: FastifyInstance, locale: 'ru' | 'en' = 'ru') {
  const admin = await setupAdmin(app, { locale });
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, host: 'crm.example.org' };
  const call = (
    method: Method,
    url: string,
    payload?: InjectOptions['payload'],
  ): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return { admin, accountId: admin.session.account.id, userId: admin.session.user.id, call };
}
export type Client = Awaited<ReturnType<typeof signedInClient>>;

/** The account's pipelines as the API lists them. */
export async function pipelinesOf(client: Client) {
  const res = await client.call('GET', '/api/v4/leads/pipelines');
  expect(res.statusCode).toBe(200);
  const body: { _embedded: { pipelines: PipelineOut[] } } = res.json();
  return body._embedded.pipelines;
}
export type StatusOut = {
  id: number;
  name: string;
  type: number;
  pipeline_id: number;
  sort: number;
  color: string;
};
export type PipelineOut = {
  id: number;
  name: string;
  is_main: boolean;
  _embedded: { statuses: StatusOut[] };
};

/** The main pipeline and its stages by role: incoming, the open ones, won (142), lost (143). */
export async function mainPipeline(client: Client) {
  const main = (await pipelinesOf(client)).find((p) => p.is_main);
  if (!main) throw new Error('no main pipeline');
  const statuses = main._embedded.statuses;
  const open = statuses.filter((s) => s.type === 0 && s.id !== 142 && s.id !== 143);
  const incoming = statuses.find((s) => s.type === 1);
  if (!incoming || open.length < 2) throw new Error('unexpected default stages');
  return { id: main.id, incoming, open, statuses };
}

/** Creates deals through POST /api/v4/leads and returns their ids. */
export async function createLeads(client: Client, items: Array<Record<string, unknown>>): Promise<number[]> {
  const res = await client.call('POST', '/api/v4/leads', items);
  if (res.statusCode !== 200) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  const body: { _embedded: { leads: Array<{ id: number }> } } = res.json();
  return body._embedded.leads.map((l) => l.id);
}

/** Reads a deal through GET /api/v4/leads/{id}. */
export async function getLead(client: Client, id: number, withs = '') {
  const res = await client.call('GET', `/api/v4/leads/${id}${withs ? `?with=${withs}` : ''}`);
  expect(res.statusCode).toBe(200);
  const lead: LeadOut = res.json();
  return lead;
}
export type LeadOut = {
  id: number;
  name: string;
  price: number;
  status_id: number;
  pipeline_id: number;
  responsible_user_id: number;
  loss_reason_id: number | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  created_by: number;
  is_deleted: boolean;
  account_id: number;
  _embedded: Record<string, unknown>;
} & Record<string, unknown>;

// Fields the real service sends as null but the reference spec types as plain integers / strings.
const NULLABLE_LEAD_KEYS = ['loss_reason_id', 'source_id', 'closed_at', 'closest_task_at', 'labor_cost'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `item` without the keys whose value is null, after checking they are allowed to be. */
function dropNulls(item: unknown, keys: string[], where: string): unknown {
  if (!isRecord(item)) return item;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === null && keys.includes(key)) continue;
    if (value === null) throw new Error(`${where}.${key} is null`);
    copy[key] = value;
  }
  return copy;
}

function withoutDocumentedNulls(lead: unknown): unknown {
  if (!isRecord(lead)) return lead;
  const copy = { ...lead };
  for (const key of NULLABLE_LEAD_KEYS) {
    if (copy[key] !== null) continue;
    delete copy[key];
  }
  if (Array.isArray(copy.custom_fields_values)) {
    copy.custom_fields_values = copy.custom_fields_values.map((f) =>
      dropNulls(f, ['field_code'], 'custom_fields_values'),
    );
  }
  const embedded = copy._embedded;
  if (isRecord(embedded) && Array.isArray(embedded.tags)) {
    copy._embedded = {
      ...embedded,
      tags: embedded.tags.map((tag) => dropNulls(tag, ['color'], '_embedded.tags')),
    };
  }
  return copy;
}

/**
 * Validates a body holding leads against the reference spec. amoCRM sends `closed_at`,
 * `closest_task_at`, `loss_reason_id`, `source_id`, `labor_cost`, a field value's `field_code`
 * and a tag's `color` as null (see its GET /api/v4/leads/{id} example) where the Hexlet spec
 * types them as non-null: only those keys may be null; the rest goes through the spec as is.
 */
export function assertLeadsMatchSpec(method: string, specPath: string, body: unknown): void {
  if (!isRecord(body)) throw new Error('not an object');
  const embedded = body._embedded;
  if (specPath === '/api/v4/leads' && isRecord(embedded) && Array.isArray(embedded.leads)) {
    const leads = embedded.leads.map(withoutDocumentedNulls);
    assertMatchesSpec(method, specPath, 200, { ...body, _embedded: { ...embedded, leads } });
    return;
  }
  assertMatchesSpec(method, specPath, 200, withoutDocumentedNulls(body));
}

/** Counts rows of a table in an account, for "bad input writes nothing" checks. */
export async function countRows(
  db: Kysely<DB>,
  table: 'deals' | 'events' | 'deal_contacts' | 'stages' | 'pipelines' | 'contacts' | 'companies',
  accountId: number,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
