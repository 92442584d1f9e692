import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin, requireAdmin, requireAuth } from '../../http/auth.ts';
import { createIntegration } from './create-integration.ts';
import { exchangeToken, tokenRequestSchema } from './exchange-token.ts';
import { findIntegrationByClientId, listIntegrations } from './integrations.repo.ts';
import { notFound } from '../../http/problem.ts';
import { issueAuthorizationCode } from './issue-code.ts';

const tokenResponseSchema = z.object({
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  access_token: z.string(),
  refresh_token: z.string(),
});

/** The amoCRM OAuth token endpoint; it alone accepts form-encoded bodies as well as JSON. */
export const oauthTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody);
  app.post(
    '/oauth2/access_token',
    { schema: { tags: ['OAuth'], body: tokenRequestSchema, response: { 200: tokenResponseSchema } } },
    async (request) => exchangeToken(app.deps.database.db, app.deps.config.secretKey, request.body),
  );
};

const integrationSchema = z.object({
  id: z.number(),
  name: z.string(),
  client_id: z.string(),
  redirect_uri: z.string(),
  created_at: z.number(),
  created_by: z.number(),
  revoked_at: z.number().nullable(),
});

/** Integrations (OAuth clients) and the grant step, for signed-in users of the web app. */
export const integrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['App: integrations'];

  app.get(
    '/api/app/integrations',
    { schema: { tags, response: { 200: z.object({ items: z.array(integrationSchema) }) } } },
    async (request) => ({ items: await listIntegrations(db, requireAdmin(request).account.id) }),
  );

  app.post(
    '/api/app/integrations',
    {
      schema: {
        tags,
        body: z.object({ name: z.string().trim().min(1).max(200), redirect_uri: z.string().max(2000) }),
        response: { 200: z.object({ id: z.number(), client_id: z.string(), client_secret: z.string() }) },
      },
    },
    async (request) => {
      const auth = requireAdmin(request);
      const r = await createIntegration(db, {
        accountId: auth.account.id,
        userId: auth.user.id,
        name: request.body.name,
        redirectUri: request.body.redirect_uri,
      });
      return { id: r.id, client_id: r.clientId, client_secret: r.clientSecret };
    },
  );

  app.get(
    '/api/app/oauth/client',
    {
      schema: {
        tags,
        querystring: z.object({ client_id: z.string().min(1).max(100) }),
        response: { 200: z.object({ name: z.string(), redirect_host: z.string() }) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const integration = await findIntegrationByClientId(db, request.query.client_id);
      if (!integration || integration.account_id !== auth.account.id) throw notFound('Unknown integration');
      return { name: integration.name, redirect_host: new URL(integration.redirect_uri).host };
    },
  );

  app.post(
    '/api/app/oauth/authorize',
    {
      schema: {
        tags,
        body: z.object({ client_id: z.string().min(1), state: z.string().max(500).optional() }),
        response: { 200: z.object({ code: z.string(), redirect_to: z.string() }) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const r = await issueAuthorizationCode(db, {
        accountId: auth.account.id,
        userId: auth.user.id,
        clientId: request.body.client_id,
        state: request.body.state,
        referer: new URL(requestOrigin(request)).host,
      });
      return { code: r.code, redirect_to: r.redirectTo };
    },
  );
};
