import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../http/auth.ts';
import { absoluteUrl, hal, parseWith, selfLink } from '../../http/hal.ts';
import { listTaskTypes, presentTaskTypeV4 } from '../tasks/task-types.ts';
import { listUserGroups } from './accounts.repo.ts';
import { datetimeSettings, presentAccount } from './present-account.ts';

/** GET /api/v4/account, shaped as amoCRM's AccountInfo. */
export const accountV4Routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/api/v4/account',
    {
      schema: {
        tags: ['amoCRM API v4: account'],
        querystring: z.object({ with: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const withs = parseWith(request.query.with);
      const embedded: Record<string, unknown> = {};
      if (withs.has('users_groups')) {
        const groups = await listUserGroups(db, auth.account.id);
        // Group 0 is amoCRM's built-in "sales department" every user belongs to by default.
        const main = { id: 0, name: auth.account.locale === 'en' ? 'Sales department' : 'Отдел продаж' };
        embedded.users_groups = [main, ...groups];
      }
      if (withs.has('datetime_settings')) embedded.datetime_settings = datetimeSettings(auth.account);
      // Voronka has no amoCRM chat service: the rights say so rather than leave the key out.
      if (withs.has('amojo_rights')) embedded.amojo_rights = { can_direct: false, can_create_groups: false };
      if (withs.has('task_types')) {
        embedded.task_types = (await listTaskTypes(db, auth.account)).map(presentTaskTypeV4);
      }
      hal(reply);
      return {
        ...presentAccount(auth.account, auth.user.id),
        ...(withs.has('uuid') ? { uuid: `voronka-${auth.account.id}` } : {}),
        ...(withs.has('version') ? { version: 1 } : {}),
        ...(withs.has('amojo_id') ? { amojo_id: `voronka-${auth.account.id}` } : {}),
        ...(withs.has('drive_url') ? { drive_url: absoluteUrl(request, '/api/v4') } : {}),
        _links: selfLink(request),
        _embedded: embedded,
      };
    },
  );
};
