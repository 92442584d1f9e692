import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { policyOf } from '../policy/policy.ts';
import { roleRights } from './user-rights.ts';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const tags = ['App: rights'];

/**
 * Settings → Roles: groups and the signed-in user's own rights. Who has which role and group is
 * read and changed through /api/app/users (users.app.routes.ts).
 */
export const accessAppRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/app/rights/me', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    const policy = await policyOf(ctx);
    return {
      user_id: ctx.userId,
      is_admin: policy.isAdmin,
      unrestricted: policy.unrestricted,
      rights: roleRights(policy.rights, policy.unrestricted),
    };
  });

  app.get('/api/app/rights/groups', { schema: { tags } }, async (request) => {
    const ctx = ctxOf(app, request);
    const groups = await ctx.db
      .selectFrom('user_groups')
      .select(['id', 'name'])
      .where('account_id', '=', ctx.accountId)
      .orderBy('id')
      .execute();
    return { groups };
  });

  const groupBody = z.object({ name: z.string().trim().min(1).max(255) });
  app.post('/api/app/rights/groups', { schema: { tags, body: groupBody } }, async (request) => {
    requireAdmin(request);
    const ctx = ctxOf(app, request);
    return ctx.db
      .insertInto('user_groups')
      .values({ account_id: ctx.accountId, name: request.body.name, created_at: nowSeconds() })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
  });

  app.patch(
    '/api/app/rights/groups/:id',
    { schema: { tags, params: z.object({ id }), body: groupBody } },
    async (request) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const row = await ctx.db
        .updateTable('user_groups')
        .set({ name: request.body.name })
        .where('account_id', '=', ctx.accountId)
        .where('id', '=', request.params.id)
        .returning(['id', 'name'])
        .executeTakeFirst();
      if (!row) throw notFound('Group not found');
      return row;
    },
  );

  app.delete(
    '/api/app/rights/groups/:id',
    { schema: { tags, params: z.object({ id }) } },
    async (request, reply) => {
      requireAdmin(request);
      const ctx = ctxOf(app, request);
      const members = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('account_id', '=', ctx.accountId)
        .where('group_id', '=', request.params.id)
        .execute();
      if (members.length > 0)
        throw badRequest([{ code: 'InUse', path: 'id', detail: 'The group has users; move them first' }]);
      const res = await ctx.db
        .deleteFrom('user_groups')
        .where('account_id', '=', ctx.accountId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound('Group not found');
      return reply.code(204).send();
    },
  );
};
