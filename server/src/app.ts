import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAuth } from './http/auth.ts';
import { parseBracketQuery } from './http/brackets.ts';
import { registerErrorHandler, sendProblem } from './http/error-handler.ts';
import type { JobQueue } from './jobs/queue.ts';
import { accountV4Routes } from './modules/accounts/account.v4.routes.ts';
import { apiTokenRoutes } from './modules/api-tokens/api-tokens.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { integrationRoutes, oauthTokenRoutes } from './modules/oauth/oauth.routes.ts';

export type AppDeps = { config: Config; database: Database; queue: JobQueue | null };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** Paths that never fall back to the web app's index.html. */
const API_PREFIXES = ['/api/', '/oauth2/', '/healthz', '/readyz'];

/** Builds the HTTP app from the modules; nothing here listens or starts workers. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { querystringParser: parseBracketQuery },
    logger: {
      level: deps.config.logLevel,
      // Credentials never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Voronka API',
        version: '0.1.0',
        description: 'amoCRM API v4-compatible REST API (/api/v4) and the web app endpoints (/api/app).',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  registerAuth(app);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(oauthTokenRoutes);
  await app.register(integrationRoutes);
  await app.register(apiTokenRoutes);
  await app.register(accountV4Routes);
  // routes: pipelines and deals
  // routes: fields, tags, contacts and companies
  // routes: tasks, notes, events, links, users, webhooks

  const webDist = deps.config.webDistDir;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
    if (!isApi && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}
