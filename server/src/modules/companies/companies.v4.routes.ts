import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { absoluteUrl, hal, parseWith } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { batchOf, pageOffset, sendBatch, sendList } from '../../http/v4-list.ts';
import { idParamsSchema, withQuerySchema } from '../contacts/contacts.schema.ts';
import { ctxOf } from '../context.ts';
import { createOrMergeParties } from '../duplicates/create-or-merge.ts';
import { authorizeRecord } from '../policy/guards.ts';
import { policyOf } from '../policy/policy.ts';
import { recordScope } from '../policy/policy.sql.ts';
import { entityListQuerySchema } from '../search/list-query.schema.ts';
import { companyInputSchema, companyPatchSchema, companyUpdateItemSchema } from './companies.schema.ts';
import { findCompany, listCompanies } from './companies.repo.ts';
import { deleteCompany } from './delete-company.ts';
import { presentCompanies } from './present-companies.ts';
import { updateCompanies, updateCompany } from './update-company.ts';

/** amoCRM-compatible /api/v4/companies. */
export const companyV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: companies'];
  const base = '/api/v4/companies';

  app.get(base, { schema: { tags, querystring: entityListQuerySchema } }, async (request, reply) => {
    const ctx = ctxOf(app, request);
    const q = request.query;
    const rows = await listCompanies(
      ctx.db,
      ctx.accountId,
      ctx.account.country,
      q,
      {
        limit: q.limit,
        offset: pageOffset(q),
      },
      recordScope(await policyOf(ctx), 'companies'),
    );
    const items = await presentCompanies(request, ctx, rows, parseWith(q.with));
    return sendList(request, reply, 'companies', items, q);
  });

  app.get(
    `${base}/:id`,
    { schema: { tags, params: idParamsSchema, querystring: withQuerySchema } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const company = await findCompany(ctx.db, ctx.accountId, request.params.id);
      if (!company) throw notFound(`No company ${request.params.id}`);
      await authorizeRecord(ctx, 'companies', 'view', company);
      const [item] = await presentCompanies(request, ctx, [company], parseWith(request.query.with));
      return hal(reply).send(item);
    },
  );

  app.post(base, { schema: { tags, body: batchOf(companyInputSchema) } }, async (request, reply) => {
    const created = await createOrMergeParties(ctxOf(app, request), 'companies', request.body);
    return sendBatch(request, reply, 'companies', base, created);
  });

  app.patch(base, { schema: { tags, body: batchOf(companyUpdateItemSchema) } }, async (request, reply) => {
    const updated = await updateCompanies(ctxOf(app, request), request.body);
    return sendBatch(request, reply, 'companies', base, updated);
  });

  app.patch(
    `${base}/:id`,
    { schema: { tags, params: idParamsSchema, body: companyPatchSchema } },
    async (request, reply) => {
      const done = await updateCompany(ctxOf(app, request), request.params.id, request.body);
      return hal(reply).send({
        ...done,
        _links: { self: { href: absoluteUrl(request, `${base}/${done.id}`) } },
      });
    },
  );

  app.delete(`${base}/:id`, { schema: { tags, params: idParamsSchema } }, async (request, reply) => {
    await deleteCompany(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });
};
