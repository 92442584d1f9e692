import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB, User } from '../../db/types.ts';
import { absoluteUrl, hal, parseWith } from '../../http/hal.ts';
import { notFound } from '../../http/problem.ts';
import { requireAdmin } from '../../http/auth.ts';
import { batchOf, requestIdOf } from '../../http/v4-list.ts';
import { roleCreateSchema, roleUpdateSchema } from './roles.schema.ts';
import { createRoles, deleteRole, updateRole } from './save-role.ts';
import { pageOffset, pagingSchema, type Paging } from '../../http/v4-list.ts';
import { ctxOf } from '../context.ts';
import { presentRole, presentUser, type UserEmbeds } from './present-user.ts';
import {
  countRoles,
  countUsers,
  findGroups,
  findRoles,
  listRoles,
  listUsersPage,
  userIdsByRole,
} from './roles.repo.ts';
import { findUser } from './users.repo.ts';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const withQuery = z.object({ with: z.string().max(500).optional() });

/** amoCRM's paged envelope with totals, as /users and /roles answer. */
function pageEnvelope(request: FastifyRequest, key: string, items: unknown[], total: number, paging: Paging) {
  const pageCount = Math.max(1, Math.ceil(total / paging.limit));
  const href = (page: number) => {
    const url = new URL(request.url, 'http://x');
    url.searchParams.set('page', String(page));
    return { href: absoluteUrl(request, `${url.pathname}${url.search}`) };
  };
  return {
    _total_items: total,
    _page: paging.page,
    _page_count: pageCount,
    _links: {
      self: href(paging.page),
      ...(paging.page < pageCount ? { next: href(paging.page + 1) } : {}),
      ...(paging.page > 1 ? { prev: href(paging.page - 1) } : {}),
    },
    _embedded: { [key]: items },
  };
}

async function embedsFor(
  db: Kysely<DB>,
  accountId: number,
  users: User[],
  withs: Set<string>,
): Promise<UserEmbeds> {
  const roleIds = [...new Set(users.flatMap((u) => (u.role_id === null ? [] : [u.role_id])))];
  const groupIds = [...new Set(users.flatMap((u) => (u.group_id === null ? [] : [u.group_id])))];
  return {
    withs,
    roles: new Map((await findRoles(db, accountId, roleIds)).map((r) => [r.id, r])),
    groups: new Map((await findGroups(db, accountId, groupIds)).map((g) => [g.id, g])),
  };
}

/** amoCRM's users and roles (read side); rights come from the admin flag and the role's rights. */
export const userV4Routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['amoCRM API v4: users and roles'];

  app.get(
    '/api/v4/users',
    { schema: { tags, querystring: pagingSchema.extend(withQuery.shape) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { page, limit } = request.query;
      const users = await listUsersPage(ctx.db, ctx.accountId, limit, pageOffset({ page, limit }));
      if (users.length === 0) return reply.code(204).send();
      const embeds = await embedsFor(ctx.db, ctx.accountId, users, parseWith(request.query.with));
      const total = await countUsers(ctx.db, ctx.accountId);
      const items = users.map((u) => presentUser(request, u, embeds));
      return hal(reply).send(pageEnvelope(request, 'users', items, total, { page, limit }));
    },
  );

  app.get(
    '/api/v4/users/:id',
    { schema: { tags, params: z.object({ id }), querystring: withQuery } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const user = await findUser(ctx.db, ctx.accountId, request.params.id);
      if (!user) throw notFound('User not found');
      const embeds = await embedsFor(ctx.db, ctx.accountId, [user], parseWith(request.query.with));
      return hal(reply).send(presentUser(request, user, embeds));
    },
  );

  app.get(
    '/api/v4/roles',
    { schema: { tags, querystring: pagingSchema.extend(withQuery.shape) } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const { page, limit } = request.query;
      const roles = await listRoles(ctx.db, ctx.accountId, limit, pageOffset({ page, limit }));
      if (roles.length === 0) return reply.code(204).send();
      const users = parseWith(request.query.with).has('users')
        ? await userIdsByRole(
            ctx.db,
            ctx.accountId,
            roles.map((r) => r.id),
          )
        : null;
      const items = roles.map((r) => presentRole(request, r, users ? (users.get(r.id) ?? []) : undefined));
      return hal(reply).send(
        pageEnvelope(request, 'roles', items, await countRoles(ctx.db, ctx.accountId), { page, limit }),
      );
    },
  );

  app.get(
    '/api/v4/roles/:id',
    { schema: { tags, params: z.object({ id }), querystring: withQuery } },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const [role] = await findRoles(ctx.db, ctx.accountId, [request.params.id]);
      if (!role) throw notFound('Role not found');
      const users = parseWith(request.query.with).has('users')
        ? ((await userIdsByRole(ctx.db, ctx.accountId, [role.id])).get(role.id) ?? [])
        : undefined;
      return hal(reply).send(presentRole(request, role, users));
    },
  );

  app.post('/api/v4/roles', { schema: { tags, body: batchOf(roleCreateSchema) } }, async (request, reply) => {
    requireAdmin(request);
    const roles = await createRoles(ctxOf(app, request), request.body);
    const items = roles.map((r, i) => ({
      ...presentRole(request, r),
      request_id: requestIdOf(request.body[i] ?? {}, i),
    }));
    return hal(reply).send({
      _total_items: items.length,
      _links: { self: { href: absoluteUrl(request, '/api/v4/roles') } },
      _embedded: { roles: items },
    });
  });

  app.patch(
    '/api/v4/roles/:id',
    { schema: { tags, params: z.object({ id }), body: roleUpdateSchema } },
    async (request, reply) => {
      requireAdmin(request);
      const role = await updateRole(ctxOf(app, request), request.params.id, request.body);
      return hal(reply).send(presentRole(request, role));
    },
  );

  app.delete('/api/v4/roles/:id', { schema: { tags, params: z.object({ id }) } }, async (request, reply) => {
    requireAdmin(request);
    await deleteRole(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });
};
