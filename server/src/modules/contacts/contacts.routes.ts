import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../context.ts';
import { idParamsSchema } from './contacts.schema.ts';
import { restoreContact } from './restore-contact.ts';

/** Web app endpoints for contacts beyond amoCRM's API. */
export const contactAppRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/app/contacts/:id/restore',
    { schema: { tags: ['App: contacts'], params: idParamsSchema } },
    async (request, reply) => {
      await restoreContact(ctxOf(app, request), request.params.id);
      return reply.code(204).send();
    },
  );
};
