import type { Client } from '../deals/deals.test-support.ts';

export const phone = (value: string) => ({ field_code: 'PHONE', values: [{ value, enum_code: 'WORK' }] });
export const email = (value: string) => ({ field_code: 'EMAIL', values: [{ value, enum_code: 'WORK' }] });

/** Creates one record through POST /api/v4/{type} and returns its id. */
export async function create(
  client: Client,
  type: 'contacts' | 'companies',
  item: Record<string, unknown>,
): Promise<number> {
  const res = await client.call('POST', `/api/v4/${type}`, [item]);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  const body: { _embedded: Record<string, Array<{ id: number }>> } = res.json();
  const id = body._embedded[type]?.[0]?.id;
  if (id === undefined) throw new Error('nothing created');
  return id;
}

/** GET /api/v4/{type}/{id}?with=leads as JSON, or the status code when it is not 200. */
export async function read(client: Client, type: 'contacts' | 'companies', id: number): Promise<unknown> {
  const res = await client.call('GET', `/api/v4/${type}/${id}?with=leads`);
  return res.statusCode === 200 ? res.json() : res.statusCode;
}

export async function setMode(client: Client, settings: Record<string, unknown>) {
  const res = await client.call('PUT', '/api/app/duplicates/settings', {
    arrivals: 'merge',
    manual: 'warn',
    merge_open_deal: false,
    ...settings,
  });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
}
