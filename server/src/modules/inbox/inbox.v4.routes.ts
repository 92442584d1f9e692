import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absoluteUrl, hal } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, requestIdOf, sendList } from '../../http/v4-list.ts';
import { ctxOf, type Ctx } from '../context.ts';
import { pickOrder } from '../events/v4-input.ts';
import { asBatchItem } from '../pipelines/errors.ts';
import { registerEnsurePipeline } from '../pipelines/ensure-pipeline.hook.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { acceptIncomingLead } from './accept-incoming-lead.ts';
import { declineIncomingLead } from './decline-incoming-lead.ts';
import { findIncomingLead, findSource, type IncomingFilter } from './inbox.repo.ts';
import {
  acceptBodySchema,
  declineBodySchema,
  linkBodySchema,
  uidParamsSchema,
  unsortedFilterSchema,
  unsortedFormItemSchema,
  unsortedListQuerySchema,
  unsortedSipItemSchema,
  type UnsortedFormItem,
  type UnsortedSipItem,
} from './inbox.schema.ts';
import { linkIncomingLead } from './link-incoming-lead.ts';
import { listIncomingPage } from './list-incoming-leads.ts';
import { embeddedOf, presentDecision, presentUnsorted, type Href } from './present-incoming-lead.ts';
import { receiveIncomingLead, type Arrival } from './receive-incoming-lead.ts';
import { summariseInbox } from './summarise-inbox.ts';

const tags = ['amoCRM API v4: unsorted'];
const base = '/api/v4/leads/unsorted';
const hrefOf =
  (request: FastifyRequest): Href =>
  (path) =>
    absoluteUrl(request, path);

/**
 * Forms posted over the API auto-accept by the `api` channel (the site's own web forms have
 * `forms`); a call is a call whichever way it comes, so /sip keeps the calls channel.
 */
const arrivalOf = (category: 'forms' | 'sip', item: UnsortedFormItem | UnsortedSipItem): Arrival => ({
  category,
  channel: category === 'forms' ? 'api' : 'sip',
  sourceUid: item.source_uid,
  sourceName: item.source_name,
  pipelineId: item.pipeline_id,
  createdAt: item.created_at,
  deal: item._embedded?.leads?.[0],
  contact: item._embedded?.contacts?.[0],
  company: item._embedded?.companies?.[0],
  metadata: item.metadata,
});

/** A call with no contact given: the caller's number becomes the contact. */
const sipArrival = (item: UnsortedSipItem): Arrival => {
  const arrival = arrivalOf('sip', item);
  const phone = item.metadata.phone;
  return {
    ...arrival,
    contact: arrival.contact ?? {
      name: phone,
      custom_fields_values: [{ field_code: 'PHONE', values: [{ value: phone, enum_code: 'WORK' }] }],
    },
  };
};

function filterOf(filter: z.infer<typeof unsortedFilterSchema> | undefined): IncomingFilter {
  return {
    uids: filter?.uid,
    categories: filter?.category,
    pipelineIds: filter?.pipeline_id,
    createdFrom: filter?.created_at?.from,
    createdTo: filter?.created_at?.to,
  };
}

/** amoCRM's unsorted API: forms and sip arrivals, the list, one entry, summary, accept, decline, link. */
export const inboxV4Routes: FastifyPluginAsyncZod = async (app) => {
  registerEnsurePipeline(app);

  const createMany = async (request: FastifyRequest, ctx: Ctx, arrivals: Arrival[], requestIds: string[]) => {
    const href = hrefOf(request);
    const entries = await withTransaction(ctx, async (c) => {
      const out = [];
      for (const [i, arrival] of arrivals.entries())
        out.push(await asBatchItem(requestIds[i] ?? String(i), () => receiveIncomingLead(c, arrival)));
      return out;
    });
    return {
      _total_items: entries.length,
      _embedded: {
        unsorted: entries.map((entry, i) => ({
          uid: entry.uid,
          account_id: entry.account_id,
          request_id: requestIds[i] ?? String(i),
          _links: { self: { href: href(`${base}/${entry.uid}`) } },
          _embedded: embeddedOf(href, entry),
        })),
      },
    };
  };

  app.post(
    `${base}/forms`,
    { schema: { tags, body: batchOf(unsortedFormItemSchema) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const ids = request.body.map((item, i) => requestIdOf(item, i));
      const body = await createMany(
        request,
        ctx,
        request.body.map((item) => arrivalOf('forms', item)),
        ids,
      );
      return hal(reply).send(body);
    },
  );

  app.post(
    `${base}/sip`,
    { schema: { tags, body: batchOf(unsortedSipItemSchema) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const ids = request.body.map((item, i) => requestIdOf(item, i));
      return hal(reply).send(await createMany(request, ctx, request.body.map(sipArrival), ids));
    },
  );

  app.get(base, { schema: { tags, querystring: unsortedListQuerySchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const order = pickOrder(['created_at', 'updated_at'] as const, request.query.order, {
      field: 'created_at',
      direction: 'desc',
    });
    const { rows, sources } = await listIncomingPage(
      ctx,
      { ...filterOf(request.query.filter), statuses: ['new'] },
      { ...request.query, order: { field: order.field, dir: order.direction } },
    );
    const items = rows.map((r) => presentUnsorted(hrefOf(request), r, sources.get(r.source_id)));
    return sendList(request, reply, 'unsorted', items, request.query);
  });

  app.get(
    `${base}/summary`,
    { schema: { tags, querystring: z.object({ filter: unsortedFilterSchema.optional() }) } },
    async (request, reply) => {
      const s = await summariseInbox(ctxOf(app, request), filterOf(request.query.filter));
      const summary = {
        total: s.total,
        accepted: s.accepted,
        declined: s.declined,
        average_sort_time: s.average_sort_time,
        categories: s.categories,
      };
      return hal(reply).send(summary);
    },
  );

  app.get(`${base}/:uid`, { schema: { tags, params: uidParamsSchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const entry = await findIncomingLead(ctx.db, ctx.accountId, request.params.uid);
    if (!entry) throw notFound('Unsorted not found');
    const source = await findSource(ctx.db, ctx.accountId, entry.source_id);
    return hal(reply).send(presentUnsorted(hrefOf(request), entry, source));
  });

  app.post(
    `${base}/:uid/accept`,
    { schema: { tags, params: uidParamsSchema, body: acceptBodySchema } },
    async (request, reply) => {
      const entry = await acceptIncomingLead(ctxOf(app, request), request.params.uid, {
        stageId: request.body?.status_id,
        userId: request.body?.user_id,
      });
      return hal(reply).send(presentDecision(hrefOf(request), entry));
    },
  );

  app.delete(
    `${base}/:uid/decline`,
    { schema: { tags, params: uidParamsSchema, body: declineBodySchema } },
    async (request, reply) => {
      const entry = await declineIncomingLead(ctxOf(app, request), request.params.uid, request.body?.user_id);
      return hal(reply).send(presentDecision(hrefOf(request), entry));
    },
  );

  app.post(
    `${base}/:uid/link`,
    { schema: { tags, params: uidParamsSchema, body: linkBodySchema } },
    async (request, reply) => {
      const { link, user_id: userId } = request.body;
      const entry = await linkIncomingLead(ctxOf(app, request), request.params.uid, link.entity_id, userId);
      return hal(reply).send(presentDecision(hrefOf(request), entry));
    },
  );
};
