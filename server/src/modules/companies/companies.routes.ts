import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../contacts/contacts.schema.ts';
import { ctxOf } from '../context.ts';
import { restoreCompany } from './restore-company.ts';

/** Web app endpoints for companies beyond amoCRM's API. */
export const companyAppRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/app/companies/:id/restore',
    { schema: { tags: ['App: companies'], params: idParamsSchema } },
    async (request, reply) => {
      await restoreCompany(ctxOf(app, request), request.params.id);
      return reply.code(204).send();
    },
  );
};
