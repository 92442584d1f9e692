import {
  dealMailSchema,
  mailboxInputSchema,
  mailboxOutSchema,
  mailboxPatchSchema,
  mailMessageOutSchema,
  sendMailSchema,
} from '@voronka/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/problem.ts';
import { ctxOf, type Ctx } from '../context.ts';
import { findDeal } from '../deals/deals.repo.ts';
import { authorizeDeal } from '../policy/guards.ts';
import {
  connectMailbox,
  disconnectMailbox,
  presentMailbox,
  requestSync,
  updateMailbox,
} from './connect-mailbox.ts';
import { dealContactEmails, findMailMessage, listDealMail } from './mail-messages.repo.ts';
import { listMailboxes } from './mailboxes.repo.ts';
import { presentMail } from './present-mail.ts';
import { sendMail } from './send-mail.ts';

const tags = ['App: mail'];
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A deal of the account the acting user may see (else 404, as everywhere for hidden deals). */
async function visibleDeal(ctx: Ctx, dealId: number): Promise<boolean> {
  const deal = await findDeal(ctx.db, ctx.accountId, dealId);
  if (!deal) return false;
  await authorizeDeal(ctx, 'view', deal);
  return true;
}

/** Settings → Mail (mailboxes) and the deal card's mail (read, reply). */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const secretKey = app.deps.config.secretKey;

  app.get(
    '/api/app/mailboxes',
    { schema: { tags, response: { 200: z.object({ mailboxes: z.array(mailboxOutSchema) }) } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const rows = await listMailboxes(ctx.db, ctx.accountId, {
        id: ctx.userId,
        admin: ctx.user?.is_admin === 1,
      });
      return { mailboxes: rows.map((m) => presentMailbox(ctx, m)) };
    },
  );

  app.post(
    '/api/app/mailboxes',
    { schema: { tags, body: mailboxInputSchema, response: { 200: mailboxOutSchema } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      return presentMailbox(ctx, await connectMailbox(ctx, secretKey, request.body));
    },
  );

  app.patch(
    '/api/app/mailboxes/:id',
    { schema: { tags, params: idParams, body: mailboxPatchSchema, response: { 200: mailboxOutSchema } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      return presentMailbox(ctx, await updateMailbox(ctx, secretKey, request.params.id, request.body));
    },
  );

  app.delete('/api/app/mailboxes/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    await disconnectMailbox(ctxOf(app, request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/api/app/mailboxes/:id/sync', { schema: { tags, params: idParams } }, async (request, reply) => {
    await requestSync(ctxOf(app, request), request.params.id);
    return reply.code(202).send();
  });

  app.get(
    '/api/app/deals/:id/mail',
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: dealMailSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(app, request);
      if (!(await visibleDeal(ctx, request.params.id))) throw notFound('Deal not found');
      const rows = await listDealMail(ctx.db, ctx.accountId, request.params.id);
      const suggested = await dealContactEmails(ctx.db, ctx.accountId, request.params.id);
      return { mail: rows.map(presentMail), suggested_to: suggested };
    },
  );

  app.post(
    '/api/app/deals/:id/mail',
    { schema: { tags, params: idParams, body: sendMailSchema, response: { 200: mailMessageOutSchema } } },
    async (request) => presentMail(await sendMail(ctxOf(app, request), request.params.id, request.body)),
  );

  app.get(
    '/api/app/mail/:id',
    { schema: { tags, params: idParams, response: { 200: mailMessageOutSchema } } },
    async (request) => {
      const ctx = ctxOf(app, request);
      const mail = await findMailMessage(ctx.db, ctx.accountId, request.params.id);
      if (!mail || mail.deal_id === null || !(await visibleDeal(ctx, mail.deal_id)))
        throw notFound('Mail not found');
      return presentMail(mail);
    },
  );
};
