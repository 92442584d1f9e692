// What the bench asks for, sampled from the generated data: every non-empty stage of every
// pipeline, Russian mobile numbers of real contacts, contacts to link new deals to.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/types.ts';

const WON = 142;
const LOST = 143;

/** The same number as people type it: E.164, 8 (XXX) XXX-XX-XX, +7 XXX XXX XX XX, 10 digits. */
export function phoneFormats(e164: string): string[] {
  const d = e164.slice(2);
  return [
    e164,
    `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
    `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
    d,
  ];
}

export async function benchTargets(db: Kysely<DB>, accountId: number) {
  const count = async (table: 'deals' | 'contacts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stages = await db
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'kind'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const stagePaths = stages.map((s) => {
    const status = s.kind === 'won' ? WON : s.kind === 'lost' ? LOST : s.id;
    return `/api/v4/leads?filter[statuses][0][pipeline_id]=${s.pipeline_id}&filter[statuses][0][status_id]=${status}&limit=250`;
  });
  const open = stages.find((s) => s.kind === 'open');
  if (!open) throw new Error('no open stage');

  const phones = await db
    .selectFrom('field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select('v.value_norm')
    .where('v.account_id', '=', accountId)
    .where('v.entity_type', '=', 'contacts')
    .where('f.code', '=', 'PHONE')
    .where('v.value_norm', 'like', '+79%')
    .orderBy(sql`random()`)
    .limit(100)
    .execute();
  const queries = phones.flatMap((p, i) => {
    const formats = phoneFormats(p.value_norm ?? '');
    return [formats[i % formats.length] ?? ''];
  });
  const contactIds = (
    await db
      .selectFrom('contacts')
      .select('id')
      .where('account_id', '=', accountId)
      .orderBy(sql`random()`)
      .limit(200)
      .execute()
  ).map((c) => c.id);

  return {
    deals: await count('deals'),
    contacts: await count('contacts'),
    stagePaths,
    phoneSearchPaths: (entity: 'contacts' | 'leads') =>
      queries.map((q) => `/api/v4/${entity}?query=${encodeURIComponent(q)}`),
    openStage: { pipelineId: open.pipeline_id, stageId: open.id },
    contactIds,
  };
}
