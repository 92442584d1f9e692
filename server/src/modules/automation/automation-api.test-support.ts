import { expect } from 'vitest';
import type { Client } from '../deals/deals.test-support.ts';

type PipelineBody = {
  _embedded: {
    pipelines: Array<{
      id: number;
      _embedded: { statuses: Array<{ id: number; name: string; type: number }> };
    }>;
  };
};

/** A new pipeline with these open stages (by name), through the v4 API. */
export async function newPipeline(client: Client, name: string, stages: string[]) {
  const res = await client.call('POST', '/api/v4/leads/pipelines', [
    { name, _embedded: { statuses: stages.map((s, i) => ({ name: s, sort: (i + 1) * 10 })) } },
  ]);
  expect(res.statusCode, res.body).toBe(200);
  const p = res.json<PipelineBody>()._embedded.pipelines[0];
  if (!p) throw new Error('no pipeline');
  const byName = (n: string) => {
    const s = p._embedded.statuses.find((x) => x.name === n);
    if (!s) throw new Error(`no stage ${n}`);
    return s.id;
  };
  return { id: p.id, stage: byName, statuses: p._embedded.statuses };
}

export async function addTrigger(client: Client, pipelineId: number, body: Record<string, unknown>) {
  const res = await client.call('POST', `/api/app/pipelines/${pipelineId}/triggers`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: number; applied: number }>();
}

export async function createField(client: Client, entity: 'leads' | 'contacts', name: string, type: string) {
  const res = await client.call('POST', `/api/v4/${entity}/custom_fields`, [{ name, type }]);
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json<{ _embedded: { custom_fields: Array<{ id: number }> } }>()._embedded.custom_fields[0]?.id ?? 0
  );
}

export async function createContact(client: Client, body: Record<string, unknown>) {
  const res = await client.call('POST', '/api/v4/contacts', [body]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ _embedded: { contacts: Array<{ id: number }> } }>()._embedded.contacts[0]?.id ?? 0;
}

export async function createDealIn(client: Client, body: Record<string, unknown>) {
  const res = await client.call('POST', '/api/v4/leads', [body]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ _embedded: { leads: Array<{ id: number }> } }>()._embedded.leads[0]?.id ?? 0;
}

export async function moveDealTo(client: Client, dealId: number, stageId: number) {
  const res = await client.call('PATCH', `/api/v4/leads/${dealId}`, { status_id: stageId });
  expect(res.statusCode, res.body).toBe(200);
}

export async function dealOf(client: Client, dealId: number) {
  const res = await client.call('GET', `/api/v4/leads/${dealId}?with=contacts`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    id: number;
    status_id: number;
    price: number;
    responsible_user_id: number;
    custom_fields_values: Array<{ field_id: number; values: Array<{ value: unknown }> }> | null;
  }>();
}

export const fieldValue = (deal: Awaited<ReturnType<typeof dealOf>>, fieldId: number): unknown =>
  deal.custom_fields_values?.find((f) => f.field_id === fieldId)?.values[0]?.value;
