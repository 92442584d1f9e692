import type { BrowserContext } from 'playwright-core';
import type { AdminInput } from './helpers';

const isRec = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON calls to the server in a browser context's session (cookie + CSRF), for seeding and checks. */
export type Api = {
  get: (path: string) => Promise<unknown>;
  post: (path: string, body: unknown) => Promise<unknown>;
  patch: (path: string, body: unknown) => Promise<unknown>;
};

/** First-run setup through the API; the context is logged in and gets a client for the API. */
export async function setupWithApi(
  context: BrowserContext,
  baseUrl: string,
  admin: AdminInput,
): Promise<Api> {
  const setup = await context.request.post(new URL('/api/app/setup', baseUrl).href, { data: admin });
  if (!setup.ok()) throw new Error(`setup failed: ${setup.status()} ${await setup.text()}`);
  const session: unknown = await setup.json();
  const csrf = isRec(session) && typeof session.csrfToken === 'string' ? session.csrfToken : '';
  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => {
    const response = await context.request.fetch(new URL(path, baseUrl).href, {
      method,
      headers: { 'X-CSRF-Token': csrf },
      ...(body === undefined ? {} : { data: body }),
    });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    return json;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}

/** Reads `value._embedded[key]` of a v4 answer as a list of records. */
export function embedded(value: unknown, key: string): Array<Record<string, unknown>> {
  const box = isRec(value) ? value._embedded : undefined;
  const list = isRec(box) ? box[key] : undefined;
  return Array.isArray(list) ? list.filter(isRec) : [];
}

/** The id of the first record a v4 batch create answered. */
export function createdId(value: unknown, key: string): number {
  const id = embedded(value, key)[0]?.id;
  if (typeof id !== 'number') throw new Error(`no ${key} created`);
  return id;
}

/** The stored values of one field in an entity's `custom_fields_values`. */
export function fieldValues(entity: unknown, fieldId: number): Array<Record<string, unknown>> {
  const all = isRec(entity) ? entity.custom_fields_values : undefined;
  if (!Array.isArray(all)) return [];
  const entry: unknown = all.find((f: unknown) => isRec(f) && f.field_id === fieldId);
  return isRec(entry) && Array.isArray(entry.values) ? entry.values.filter(isRec) : [];
}

export const prop = (value: unknown, key: string): unknown => (isRec(value) ? value[key] : undefined);
