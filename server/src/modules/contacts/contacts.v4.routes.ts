import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { absoluteUrl, hal, parseWith } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, pageOffset, sendBatch, sendList } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { createOrMergeParties } from '../duplicates/create-or-merge.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { policyOf } from '../policy/policy.ts';
import { recordScope } from '../policy/policy.sql.ts';
import { entityListQuerySchema } from '../search/list-query.schema.ts';
import {
  contactInputSchema,
  contactPatchSchema,
  contactUpdateItemSchema,
  idParamsSchema,
  withQuerySchema,
} from './contacts.schema.ts';
import { findContact, listContacts } from './contacts.repo.ts';
import { deleteContact } from './delete-contact.ts';
import { presentContacts } from './present-contacts.ts';
import { updateContact, updateContacts } from './update-contact.ts';

/** amoCRM-compatible /api/v4/contacts. */
export const contactV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: contacts'];
  const base = '/api/v4/contacts';

  app.get(base, { schema: { tags, querystring: entityListQuerySchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const q = request.query;
    const rows = await listContacts(
      ctx.db,
      ctx.accountId,
      ctx.account.country,
      q,
      {
        limit: q.limit,
        offset: pageOffset(q),
      },
      recordScope(await policyOf(ctx), 'contacts'),
    );
    const items = await presentContacts(request, ctx, rows, parseWith(q.with));
    return sendList(request, reply, 'contacts', items, q);
  });

  app.get(
    `${base}/:id`,
    { schema: { tags, params: idParamsSchema, querystring: withQuerySchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const contact = await findContact(ctx.db, ctx.accountId, request.params.id);
      if (!contact) throw notFound(`No contact ${request.params.id}`);
      await authorizeRecord(ctx, 'contacts', 'view', contact);
      const [item] = await presentContacts(request, ctx, [contact], parseWith(request.query.with));
      return hal(reply).send(item);
    },
  );

  app.post(base, { schema: { tags, body: batchOf(contactInputSchema) } }, async (request, reply) => {
    const created = await createOrMergeParties(ctxOf(app, request), 'contacts', request.body);
    return sendBatch(request, reply, 'contacts', base, created);
  });

  app.patch(base, { schema: { tags, body: batchOf(contactUpdateItemSchema) } }, async (request, reply) => {
    const updated = await updateContacts(ctxOf(app, request), request.body);
    return sendBatch(request, reply, 'contacts', base, updated);
  });

  app.patch(
    `${base}/:id`,
    { schema: { tags, params: idParamsSchema, body: contactPatchSchema } },
    async (request, reply) => {
      const done = await updateContact(ctxOf(app, request), request.params.id, request.body);
      return hal(reply).send({
        ...done,
        _links: { self: { href: absoluteUrl(request, `${base}/${done.id}`) } },
      });
    },
  );

  app.delete(`${base}/:id`, { schema: { tags, params: idParamsSchema } }, async (request, reply) => {
    await deleteContact(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });
};
