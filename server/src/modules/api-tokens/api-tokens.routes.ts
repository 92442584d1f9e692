import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { requireAdmin } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { listApiTokens, revokeApiToken } from './api-tokens.repo.ts';
import { createApiToken, MAX_TOKEN_DAYS } from './create-api-token.ts';

const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  user_id: z.number(),
  created_at: z.number(),
  expires_at: z.number(),
  last_used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});

/** Long-lived API tokens of the account (Settings -> API), for administrators. */
export const apiTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['App: API tokens'];

  app.get(
    '/api/app/api-tokens',
    { schema: { tags, response: { 200: z.object({ items: z.array(tokenSchema) }) } } },
    async (request) => ({ items: await listApiTokens(db, requireAdmin(request).account.id) }),
  );

  app.post(
    '/api/app/api-tokens',
    {
      schema: {
        tags,
        body: z.object({
          name: z.string().trim().min(1).max(200),
          days: z.number().int().min(1).max(MAX_TOKEN_DAYS),
        }),
        response: { 200: z.object({ id: z.number(), token: z.string(), expires_at: z.number() }) },
      },
    },
    async (request) => {
      const auth = requireAdmin(request);
      const r = await createApiToken(db, app.deps.config.secretKey, {
        accountId: auth.account.id,
        userId: auth.user.id,
        ...request.body,
      });
      return { id: r.id, token: r.token, expires_at: r.expiresAt };
    },
  );

  app.delete(
    '/api/app/api-tokens/:id',
    { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      if (!(await revokeApiToken(db, auth.account.id, request.params.id, nowSeconds()))) {
        throw notFound('Token not found');
      }
      return reply.code(204).send();
    },
  );
};
