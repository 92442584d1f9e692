import {
  appUserSchema,
  passwordResetSchema,
  userCreateSchema,
  userGroupInputSchema,
  userGroupSchema,
  userPatchSchema,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireAuth } from '../../http/auth.ts';
import { msg } from '../../http/messages.ts';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { withTransaction } from '../pipelines/with-transaction.ts';
import { createAccountUser } from './create-account-user.ts';
import { presentAppUser } from './present-app-user.ts';
import { resetUserPassword } from './reset-user-password.ts';
import { createUserGroup, renameGroup } from './save-user-group.ts';
import { updateAccountUser } from './update-account-user.ts';
import { deleteUserGroupRow, listUserGroupsWithCounts } from './user-groups.repo.ts';
import { listUsers } from './users.repo.ts';

const params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const groupOut = z.object({ id: z.number(), name: z.string() });

/**
 * Settings -> Users and groups. Everyone signed in may list colleagues and departments (to pick a
 * responsible user); only administrators add, change, deactivate users and manage departments.
 */
export const userAppRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: users and groups'];

  app.get(
    '/api/app/users',
    { schema: { tags, response: { 200: z.object({ items: z.array(appUserSchema) }) } } },
    async (request) => {
      const auth = requireAuth(request);
      const users = await listUsers(app.deps.database.db, auth.account.id);
      return { items: users.map(presentAppUser) };
    },
  );

  app.post(
    '/api/app/users',
    { schema: { tags, body: userCreateSchema, response: { 200: appUserSchema } } },
    async (request) => {
      requireAdmin(request);
      return presentAppUser(await createAccountUser(ctxOf(app, request), request.body));
    },
  );

  app.patch(
    '/api/app/users/:id',
    { schema: { tags, params, body: userPatchSchema, response: { 200: appUserSchema } } },
    async (request) => {
      requireAdmin(request);
      return presentAppUser(await updateAccountUser(ctxOf(app, request), request.params.id, request.body));
    },
  );

  app.post(
    '/api/app/users/:id/password',
    { schema: { tags, params, body: passwordResetSchema } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      await resetUserPassword(ctxOf(app, request), request.params.id, request.body.password, auth.sessionId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/app/user-groups',
    { schema: { tags, response: { 200: z.object({ items: z.array(userGroupSchema) }) } } },
    async (request) => ({
      items: await listUserGroupsWithCounts(app.deps.database.db, requireAuth(request).account.id),
    }),
  );

  app.post(
    '/api/app/user-groups',
    { schema: { tags, body: userGroupInputSchema, response: { 200: groupOut } } },
    async (request) => {
      requireAdmin(request);
      return createUserGroup(ctxOf(app, request), request.body.name);
    },
  );

  app.patch(
    '/api/app/user-groups/:id',
    { schema: { tags, params, body: userGroupInputSchema, response: { 200: groupOut } } },
    async (request) => {
      requireAdmin(request);
      return renameGroup(ctxOf(app, request), request.params.id, request.body.name);
    },
  );

  app.delete('/api/app/user-groups/:id', { schema: { tags, params } }, async (request, reply) => {
    requireAdmin(request);
    const deleted = await withTransaction(ctxOf(app, request), ({ db, accountId }) =>
      deleteUserGroupRow(db, accountId, request.params.id),
    );
    if (!deleted) throw notFound(msg('group.not_found'));
    return reply.code(204).send();
  });
};
