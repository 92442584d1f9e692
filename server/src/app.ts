import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAuth } from './http/auth.ts';
import { parseBracketQuery } from './http/brackets.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerApiRateLimit } from './http/rate-limit.ts';
import { registerRouteList } from './http/route-list.ts';
import { registerWebApp } from './http/web-app.ts';
import type { JobQueue } from './jobs/queue.ts';
import { accountV4Routes } from './modules/accounts/account.v4.routes.ts';
import { apiTokenRoutes } from './modules/api-tokens/api-tokens.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { integrationRoutes, oauthTokenRoutes } from './modules/oauth/oauth.routes.ts';
import { companyAppRoutes } from './modules/companies/companies.routes.ts';
import { companyV4Routes } from './modules/companies/companies.v4.routes.ts';
import { contactAppRoutes } from './modules/contacts/contacts.routes.ts';
import { contactV4Routes } from './modules/contacts/contacts.v4.routes.ts';
import { fieldGroupRoutes } from './modules/fields/field-groups.routes.ts';
import { customFieldRoutes } from './modules/fields/fields.routes.ts';
import { tagRoutes } from './modules/tags/tags.routes.ts';
import { dealAppRoutes } from './modules/deals/deals.app.routes.ts';
import { dealV4Routes } from './modules/deals/deals.v4.routes.ts';
import { dealListAppRoutes } from './modules/deals/deals-list.app.routes.ts';
import { filterPresetRoutes } from './modules/filter-presets/filter-presets.routes.ts';
import { liveRoutes } from './modules/live/live.routes.ts';
import { lossReasonV4Routes } from './modules/pipelines/loss-reasons.v4.routes.ts';
import { pipelineV4Routes } from './modules/pipelines/pipelines.v4.routes.ts';
import { eventV4Routes } from './modules/events/events.v4.routes.ts';
import { timelineRoutes } from './modules/events/timeline.routes.ts';
import { linkV4Routes } from './modules/links/links.v4.routes.ts';
import { noteAppRoutes } from './modules/notes/notes.routes.ts';
import { noteV4Routes } from './modules/notes/notes.v4.routes.ts';
import { taskTypeRoutes } from './modules/tasks/task-types.routes.ts';
import { taskAppRoutes } from './modules/tasks/tasks.routes.ts';
import { taskV4Routes } from './modules/tasks/tasks.v4.routes.ts';
import { userV4Routes } from './modules/users/users.v4.routes.ts';
import { accessAppRoutes } from './modules/users/access.app.routes.ts';
import { processRuleRoutes } from './modules/process/process-rules.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { registerDeniedAudit } from './modules/policy/access-denied.ts';
import { inboxV4Routes } from './modules/inbox/inbox.v4.routes.ts';
import { inboxAppRoutes } from './modules/inbox/inbox.routes.ts';
import { formAppRoutes } from './modules/forms/forms.routes.ts';
import { formPublicRoutes } from './modules/forms/forms.public.routes.ts';
import { callRoutes } from './modules/calls/calls.routes.ts';
import { userAppRoutes } from './modules/users/users.app.routes.ts';
import { accountAppRoutes } from './modules/accounts/account.app.routes.ts';
import { tagAppRoutes } from './modules/tags/tags.app.routes.ts';
import { webhookAppRoutes } from './modules/webhooks/webhooks.routes.ts';
import { webhookV4Routes } from './modules/webhooks/webhooks.v4.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { automationRoutes } from './modules/automation/automation.routes.ts';
import { automationPublicRoutes } from './modules/automation/public.routes.ts';
import { conversationRoutes } from './modules/messenger/conversations.routes.ts';
import { telegramRoutes } from './modules/messenger/telegram.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { duplicatesRoutes } from './modules/duplicates/duplicates.routes.ts';
import { inboxSettingsRoutes } from './modules/inbox/inbox-settings.routes.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  queue: JobQueue | null;
  /** Set by main.ts: a messenger setting changed (the Telegram poller looks at once). */
  onMessengerChanged?: () => void;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** Builds the HTTP app from the modules; nothing here listens or starts workers. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { querystringParser: parseBracketQuery },
    logger: {
      level: deps.config.logLevel,
      // Credentials never reach the log.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers["x-telegram-bot-api-secret-token"]',
        'res.headers["set-cookie"]',
      ],
    },
  });
  app.decorate('deps', deps);
  registerRouteList(app);
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
  await registerApiRateLimit(app, deps.config.apiRateLimit);
  registerAuth(app);
  registerDeniedAudit(app);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(oauthTokenRoutes);
  await app.register(integrationRoutes);
  await app.register(apiTokenRoutes);
  await app.register(accountV4Routes);
  await app.register(pipelineV4Routes);
  await app.register(lossReasonV4Routes);
  await app.register(dealV4Routes);
  await app.register(dealAppRoutes);
  await app.register(customFieldRoutes);
  await app.register(fieldGroupRoutes);
  await app.register(tagRoutes);
  await app.register(contactV4Routes);
  await app.register(contactAppRoutes);
  await app.register(companyV4Routes);
  await app.register(companyAppRoutes);
  await app.register(taskTypeRoutes);
  await app.register(taskV4Routes);
  await app.register(taskAppRoutes);
  await app.register(noteV4Routes);
  await app.register(noteAppRoutes);
  await app.register(eventV4Routes);
  await app.register(timelineRoutes);
  await app.register(linkV4Routes);
  await app.register(userV4Routes);
  await app.register(accessAppRoutes);
  await app.register(processRuleRoutes);
  await app.register(auditRoutes);
  await app.register(inboxV4Routes);
  await app.register(inboxAppRoutes);
  await app.register(formAppRoutes);
  await app.register(formPublicRoutes);
  await app.register(callRoutes);
  await app.register(userAppRoutes);
  await app.register(accountAppRoutes);
  await app.register(tagAppRoutes);
  await app.register(webhookV4Routes);
  await app.register(webhookAppRoutes);
  await app.register(notificationRoutes);
  await app.register(dealListAppRoutes);
  await app.register(filterPresetRoutes);
  await app.register(liveRoutes);
  await app.register(automationRoutes);
  await app.register(automationPublicRoutes);
  await app.register(telegramRoutes);
  await app.register(conversationRoutes);
  await app.register(mailRoutes);
  await app.register(duplicatesRoutes);
  await app.register(inboxSettingsRoutes);

  await registerWebApp(app, deps.config.webDistDir);
  return app;
}
