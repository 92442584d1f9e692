import { languageSchema, loginInputSchema, sessionPayloadSchema, setupInputSchema } from '@voronka/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { User } from '../../db/types.ts';
import { requireAuth, SESSION_COOKIE } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { findAccount } from '../accounts/accounts.repo.ts';
import { setupFirstAccount } from '../accounts/setup-first-account.ts';
import { countAllUsers, updateUser } from '../users/users.repo.ts';
import { verifyLogin } from './login.ts';
import { presentSession } from './present-session.ts';
import { deleteSession } from './sessions.repo.ts';
import { startSession } from './start-session.ts';

const tags = ['App: session'];

/** Web-app sign-in: first-run setup, login, logout, the current session, own profile. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { config } = app.deps;

  async function signIn(request: FastifyRequest, reply: FastifyReply, user: User) {
    const account = await findAccount(db, user.account_id);
    if (!account) throw notFound('Account not found');
    const session = await startSession(db, user, {
      days: config.sessionDays,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/',
      maxAge: config.sessionDays * 86400,
    });
    return presentSession(user, account, session.csrfToken);
  }

  app.get(
    '/api/app/setup',
    { schema: { tags, response: { 200: z.object({ required: z.boolean() }) } } },
    async () => ({ required: (await countAllUsers(db)) === 0 }),
  );

  app.post(
    '/api/app/setup',
    { schema: { tags, body: setupInputSchema, response: { 200: sessionPayloadSchema } } },
    async (request, reply) => {
      const { user } = await setupFirstAccount(db, request.body);
      return signIn(request, reply, user);
    },
  );

  app.post(
    '/api/app/login',
    { schema: { tags, body: loginInputSchema, response: { 200: sessionPayloadSchema } } },
    async (request, reply) => {
      const user = await verifyLogin(
        db,
        { maxFailures: config.loginMaxFailures, lockoutSeconds: config.loginLockoutMinutes * 60 },
        { ...request.body, ip: request.ip },
      );
      return signIn(request, reply, user);
    },
  );

  app.post('/api/app/logout', { schema: { tags } }, async (request, reply) => {
    if (request.auth?.sessionId) await deleteSession(db, request.auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/app/session',
    { schema: { tags, response: { 200: sessionPayloadSchema } } },
    async (request) => {
      const auth = requireAuth(request);
      return presentSession(auth.user, auth.account, auth.csrfToken ?? '');
    },
  );

  app.patch(
    '/api/app/me',
    {
      schema: {
        tags,
        body: z.object({
          lang: languageSchema.optional(),
          name: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 200: sessionPayloadSchema },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const user = await updateUser(db, auth.account.id, auth.user.id, {
        ...request.body,
        updated_at: nowSeconds(),
      });
      if (!user) throw notFound('User not found');
      return presentSession(user, auth.account, auth.csrfToken ?? '');
    },
  );
};
