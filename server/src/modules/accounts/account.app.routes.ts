import { accountPatchSchema, sessionPayloadSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireAuth } from '../../http/auth.ts';
import { ctxOf } from '../context.ts';
import { presentSession } from '../auth/present-session.ts';
import { updateAccount } from './update-account.ts';

/** Settings -> Account: the choices the account settings form offers, and the change itself. */
export const accountAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: account'];

  app.get(
    '/api/app/account/options',
    {
      schema: {
        tags,
        response: { 200: z.object({ currencies: z.array(z.string()), timezones: z.array(z.string()) }) },
      },
    },
    async (request) => {
      requireAuth(request);
      return {
        currencies: Intl.supportedValuesOf('currency'),
        timezones: ['UTC', ...Intl.supportedValuesOf('timeZone')],
      };
    },
  );

  app.patch(
    '/api/app/account',
    { schema: { tags, body: accountPatchSchema, response: { 200: sessionPayloadSchema } } },
    async (request) => {
      const auth = requireAdmin(request);
      const account = await updateAccount(ctxOf(app, request), request.body);
      return presentSession(auth.user, account, auth.csrfToken ?? '');
    },
  );
};
