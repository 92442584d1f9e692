import { timelineMessageSchema } from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/problem.ts';
import { ctxOf } from '../context.ts';
import { entityExists } from '../links/entity-refs.repo.ts';
import { authorizeEntityView } from '../policy/guards.ts';
import { conversationsOf } from './conversations.repo.ts';
import { presentMessages } from './present-message.ts';
import { MAX_MESSAGE_LENGTH, sendChatMessage } from './send-chat-message.ts';
import { findTelegramBot } from './telegram-settings.repo.ts';

const tags = ['App: messengers'];
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const conversationSchema = z.object({
  id: z.number(),
  channel: z.string(),
  title: z.string(),
  contact_id: z.number().nullable(),
  deal_id: z.number().nullable(),
  /** Whether a reply can go out now (the channel is connected). */
  can_send: z.boolean(),
  updated_at: z.number(),
});

/** The card's chats: which conversations a deal or contact has, and the manager's reply. */
export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/app/conversations',
    {
      schema: {
        tags,
        querystring: z.object({ entity_type: z.enum(['leads', 'contacts']), entity_id: id }),
        response: { 200: z.object({ items: z.array(conversationSchema) }) },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      const { entity_type, entity_id } = request.query;
      if (!(await entityExists(ctx.db, ctx.accountId, entity_type, entity_id)))
        throw notFound(`No ${entity_type} with this id`);
      await authorizeEntityView(ctx, entity_type, entity_id);
      const rows = await conversationsOf(ctx.db, ctx.accountId, entity_type, entity_id);
      const telegram = (await findTelegramBot(ctx.db, ctx.accountId)) !== null;
      return {
        items: rows.map((c) => ({
          id: c.id,
          channel: c.channel,
          title: c.title,
          contact_id: c.contact_id,
          deal_id: c.deal_id,
          can_send: c.channel === 'telegram' && telegram,
          updated_at: c.updated_at,
        })),
      };
    },
  );

  app.post(
    '/api/app/conversations/:id/messages',
    {
      schema: {
        tags,
        params: z.object({ id }),
        body: z.object({
          text: z.string().max(MAX_MESSAGE_LENGTH * 2),
          /** The deal card it is sent from. */
          deal_id: z.number().int().positive().optional(),
        }),
        response: { 201: timelineMessageSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(app, request);
      const message = await sendChatMessage(ctx, {
        conversationId: request.params.id,
        text: request.body.text,
        dealId: request.body.deal_id,
      });
      const [presented] = await presentMessages(ctx.db, ctx.accountId, [message]);
      if (!presented) throw new Error('sent message not presented');
      return reply.code(201).send(presented);
    },
  );
};
