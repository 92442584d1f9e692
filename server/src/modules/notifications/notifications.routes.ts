import { markNotificationsReadSchema, notificationListSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import { ctxOf } from '../context.ts';
import { countUnread, listNotifications, markRead } from './notifications.repo.ts';
import { presentNotification } from './present-notification.ts';

/** The signed-in user's own notifications: the bell in the app frame. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['App: notifications'];

  app.get(
    '/api/app/notifications',
    {
      schema: {
        tags,
        querystring: z.object({
          before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          unread: z.enum(['true', 'false', '1', '0']).optional(),
        }),
        response: { 200: notificationListSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const { before, limit, unread } = request.query;
      const rows = await listNotifications(ctx.db, ctx.accountId, ctx.userId, {
        before,
        limit: limit + 1,
        unreadOnly: unread === 'true' || unread === '1',
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentNotification),
        unread: await countUnread(ctx.db, ctx.accountId, ctx.userId),
        next_before: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/app/notifications/read',
    {
      schema: {
        tags,
        body: markNotificationsReadSchema,
        response: { 200: z.object({ marked: z.number().int(), unread: z.number().int() }) },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const ids = 'ids' in request.body ? request.body.ids : 'all';
      const marked = await markRead(ctx.db, ctx.accountId, ctx.userId, ids, nowSeconds());
      return { marked, unread: await countUnread(ctx.db, ctx.accountId, ctx.userId) };
    },
  );
};
