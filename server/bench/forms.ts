// Web form submissions end to end (issue 7): clients post the public form (JSON, as the embed
// script does) and then ask for the board of the form's pipeline until the new deal is on it.
// Half of the posts carry the phone of an existing contact in another format, so duplicate
// control (match by normalised phone over every contact of the account) links instead of copying.
import os from 'node:os';
import { z } from 'zod';
import { boardPath } from './board.ts';
import { closedLoop, cpuSeconds, type Client, type Stats } from './load.ts';
import { phoneFormats } from './targets.ts';
import { call, percentiles, waitForDispatcher, type BenchContext } from './scenario.ts';

export type FormFigures = {
  pipelineId: number;
  submissions: Stats;
  post: { p50: number; p95: number; max: number };
  visible: { p50: number; p95: number; max: number };
  notVisible: number;
  contactsBefore: number;
  newContacts: number;
  duplicatePosts: number;
  /** The account's duplicate control for arrivals during the run (the bench sets `merge`). */
  duplicateMode: string;
  cpuMsPerSubmission: number;
  load: number[];
};

const formAnswer = z.object({ id: z.number(), uid: z.string() });
const duplicateSettings = z.object({
  arrivals: z.string(),
  manual: z.string(),
  merge_open_deal: z.boolean(),
});

async function post(client: Client, url: string, body: unknown) {
  const res = await client.request('POST', url, body);
  if (res.status !== 200) throw new Error(`form post: ${res.status} ${res.body.slice(0, 300)}`);
}

export async function formsBench(
  ctx: BenchContext,
  opts: { seconds: number; concurrency: number },
): Promise<FormFigures> {
  const { db } = ctx.database;
  const main = await db
    .selectFrom('pipelines')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('is_main', '=', 1)
    .executeTakeFirstOrThrow();
  const form = await call(
    ctx.client,
    'POST',
    '/api/app/forms',
    {
      name: `Bench form ${Date.now()}`,
      lang: 'ru',
      pipeline_id: main.id,
      is_active: true,
      settings: {
        fields: [
          { key: 'name', label: 'Имя', type: 'text', target: 'contact_name', required: true },
          { key: 'phone', label: 'Телефон', type: 'phone', target: 'contact_phone', required: true },
          { key: 'order', label: 'Заказ', type: 'text', target: 'deal_name', required: true },
        ],
        consent: { enabled: false, text: '' },
        success: { mode: 'text', text: '', redirect_url: '' },
      },
    },
    formAnswer,
  );
  // Duplicate control on, whatever the account had: an arrival from a known phone links the contact.
  const current = await call(ctx.client, 'GET', '/api/app/duplicates/settings', undefined, duplicateSettings);
  const settings = await call(
    ctx.client,
    'PUT',
    '/api/app/duplicates/settings',
    { ...current, arrivals: 'merge' },
    duplicateSettings,
  );
  const phones = (
    await db
      .selectFrom('field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select('v.value_norm')
      .where('v.account_id', '=', ctx.accountId)
      .where('v.entity_type', '=', 'contacts')
      .where('f.code', '=', 'PHONE')
      .where('v.value_norm', 'like', '+79%')
      .limit(5000)
      .execute()
  ).flatMap((r) => (r.value_norm ? [r.value_norm] : []));
  const countContacts = async () =>
    Number(
      (
        await db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', ctx.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  await waitForDispatcher(ctx.database);
  const contactsBefore = await countContacts();
  const run = Date.now().toString(36);
  const postMs: number[] = [];
  const visibleMs: number[] = [];
  let notVisible = 0;
  let duplicatePosts = 0;
  const cpu0 = cpuSeconds(ctx.pid);
  const submissions = await closedLoop(opts.concurrency, opts.seconds, async (i) => {
    const known = i % 2 === 0 ? phones[(i / 2) % Math.max(1, phones.length)] : undefined;
    if (known) duplicatePosts++;
    const phone = known
      ? (phoneFormats(known)[i % 4] ?? known)
      : `+7 958 ${String(i % 1000).padStart(3, '0')}-${String(Math.floor(i / 1000) % 10000).padStart(4, '0')}`;
    const order = `Bench form ${run}-${i}`;
    const t0 = performance.now();
    await post(ctx.client, `/public/forms/${form.uid}`, { name: `Клиент ${i}`, phone, order });
    const t1 = performance.now();
    postMs.push(t1 - t0);
    // The new deal's name as the board's JSON holds it.
    const needle = JSON.stringify(order);
    while (performance.now() - t1 < 10_000) {
      const board = await ctx.client.request('GET', boardPath(main.id));
      if (board.body.includes(needle)) {
        visibleMs.push(performance.now() - t0);
        return true;
      }
    }
    notVisible++;
    return false;
  });
  const cpuMs = (cpuSeconds(ctx.pid) - cpu0) * 1000;
  return {
    pipelineId: main.id,
    submissions,
    post: percentiles(postMs),
    visible: percentiles(visibleMs),
    notVisible,
    contactsBefore,
    newContacts: (await countContacts()) - contactsBefore,
    duplicatePosts,
    duplicateMode: settings.arrivals,
    cpuMsPerSubmission: cpuMs / Math.max(1, submissions.count),
    load: os.loadavg(),
  };
}
