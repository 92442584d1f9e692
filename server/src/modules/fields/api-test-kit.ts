import type { InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.ts';
import type { TestApp } from '../../test/app.ts';
import { buildAccountWithToken, setupAdmin } from '../../test/factories.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * For HTTP tests of the CRM modules: the admin of a fresh account calling /api/v4 with a
 * long-lived Bearer token, as an amoCRM integration does, plus a second account for isolation.
 */
export async function apiClient(t: TestApp) {
  const admin = await setupAdmin(t.app);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/app/api-tokens',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { name: 'tests', days: 30 },
  });
  if (created.statusCode !== 200) throw new Error(`token: ${created.statusCode} ${created.body}`);
  const headers = { authorization: `Bearer ${created.json<{ token: string }>().token}`, host: 'crm.test' };
  const call = (method: Method, url: string, payload?: InjectOptions['payload']) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return {
    admin,
    accountId: admin.session.account.id,
    userId: admin.session.user.id,
    headers,
    call,
    /** The same API as another tenant. */
    other: async () => {
      const other = await buildAccountWithToken(t.database.db, t.config.secretKey);
      const otherHeaders = { authorization: `Bearer ${other.token}`, host: 'crm.test' };
      return {
        ...other,
        call: (method: Method, url: string, payload?: InjectOptions['payload']) =>
          t.app.inject({ method, url, headers: otherHeaders, ...(payload === undefined ? {} : { payload }) }),
      };
    },
  };
}
export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

const problemSchema = z.object({
  'validation-errors': z
    .array(
      z.object({ errors: z.array(z.object({ code: z.string(), path: z.string(), detail: z.string() })) }),
    )
    .optional(),
});

/** The `validation-errors[0].errors` of a 400 problem. */
export function validationErrors(body: unknown): Array<{ code: string; path: string; detail: string }> {
  return problemSchema.parse(body)['validation-errors']?.[0]?.errors ?? [];
}

/** Rows in a table, to show that a refused request changed nothing. */
export async function countRows(
  db: Kysely<DB>,
  table: 'contacts' | 'companies' | 'field_values' | 'events' | 'tags' | 'entity_tags' | 'custom_fields',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A deal made directly in the tables (the deals module is tested on its own). */
export async function insertDeal(
  db: Kysely<DB>,
  accountId: number,
  links: { contactIds?: number[]; companyId?: number; deleted?: boolean } = {},
) {
  const now = 1_700_000_000;
  const pipeline = await db
    .insertInto('pipelines')
    .values({ account_id: accountId, name: 'Sales', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stage = await db
    .insertInto('stages')
    .values({
      account_id: accountId,
      pipeline_id: pipeline.id,
      name: 'New',
      kind: 'open',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deal = await db
    .insertInto('deals')
    .values({
      account_id: accountId,
      name: 'Deal',
      name_lc: 'deal',
      pipeline_id: pipeline.id,
      stage_id: stage.id,
      stage_entered_at: now,
      company_id: links.companyId ?? null,
      created_at: now,
      updated_at: now,
      deleted_at: links.deleted ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const contactId of links.contactIds ?? []) {
    await db
      .insertInto('deal_contacts')
      .values({ account_id: accountId, deal_id: deal.id, contact_id: contactId })
      .execute();
  }
  return { dealId: deal.id, pipelineId: pipeline.id, stageId: stage.id };
}

export async function eventsOf(db: Kysely<DB>, accountId: number, entityType: string, entityId: number) {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'created_by', 'value_before', 'value_after'])
    .where('account_id', '=', accountId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    created_by: r.created_by,
    before: z.array(z.unknown()).parse(JSON.parse(r.value_before)),
    after: z.array(z.unknown()).parse(JSON.parse(r.value_after)),
  }));
}
