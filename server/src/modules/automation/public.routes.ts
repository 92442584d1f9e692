import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAccount } from '../accounts/accounts.repo.ts';
import type { Ctx } from '../context.ts';
import { answerQuestionnaire, findQuestionnaire, type QuestionnaireForm } from './answer-questionnaire.ts';
import { escapeHtml } from './engine/placeholders.ts';
import { readToken, type TrackingPayload } from './engine/tokens.ts';
import { raiseDealSignal } from './raise-deal-signal.ts';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function page(title: string, body: string, lang: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;padding:0 1rem;color:#222}label{display:block;margin:1rem 0 .3rem;font-weight:600}input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}.err{color:#b00020}</style></head><body>${body}</body></html>`;
}

function formHtml(
  form: QuestionnaireForm,
  lang: string,
  errors: Record<number, string> = {},
  values: string[] = [],
) {
  const en = lang === 'en';
  const fields = form.questions
    .map((q, i) => {
      const v = escapeHtml(values[i] ?? '');
      const input = q.multiline
        ? `<textarea id="q${i}" name="q${i}" rows="4"${q.required ? ' required' : ''}>${v}</textarea>`
        : `<input id="q${i}" name="q${i}" value="${v}"${q.required ? ' required' : ''}>`;
      const err = errors[i]
        ? `<div class="err">${en ? 'Please answer this question' : 'Ответьте на этот вопрос'}</div>`
        : '';
      return `<label for="q${i}">${escapeHtml(q.label)}${q.required ? ' *' : ''}</label>${input}${err}`;
    })
    .join('\n');
  const title = form.title || (en ? 'Questionnaire' : 'Анкета');
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>${form.intro ? `<p>${escapeHtml(form.intro)}</p>` : ''}<form method="post">${fields}<button type="submit">${en ? 'Send' : 'Отправить'}</button></form>`,
    lang,
  );
}

/**
 * Public endpoints (no sign-in): email open / click tracking, which raise the email triggers,
 * and the questionnaire form a client fills. Tokens are signed (tracking) or random and stored
 * hashed (questionnaires), so they cannot be guessed or forged.
 */
export const automationPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (plain) => {
    const scoped = plain.withTypeProvider<ZodTypeProvider>();
    await scoped.register(formbody, { bodyLimit: 256 * 1024 });
    const { db } = app.deps.database;
    const secret = app.deps.config.secretKey;

    const raise = async (p: TrackingPayload, kind: 'email_opened' | 'link_clicked') => {
      const account = await findAccount(db, p.a);
      if (!account) return;
      await db.transaction().execute(async (trx) => {
        const ctx: Ctx = {
          db: trx,
          account,
          accountId: account.id,
          userId: 0,
          user: null,
          queue: app.deps.queue,
        };
        await raiseDealSignal(ctx, p.d, kind);
      });
    };

    const tokenParams = z.object({ token: z.string().max(2000) });
    // Tracking tokens ride in the query: they are longer than a path parameter may be.
    const tokenQuery = z.object({ t: z.string().max(4000).default('') });
    scoped.get(
      '/api/public/automation/open',
      { schema: { hide: true, querystring: tokenQuery } },
      async (request, reply) => {
        const p = readToken(secret, 'open', request.query.t);
        if (p) await raise(p, 'email_opened');
        return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
      },
    );
    scoped.get(
      '/api/public/automation/click',
      { schema: { hide: true, querystring: tokenQuery } },
      async (request, reply) => {
        const p = readToken(secret, 'click', request.query.t);
        if (!p?.k || !/^https?:\/\//i.test(p.k))
          return reply.code(404).type('text/plain').send('Unknown link');
        await raise(p, 'link_clicked');
        return reply.redirect(p.k, 302);
      },
    );

    const langOf = async (accountId: number) =>
      (await findAccount(db, accountId))?.locale === 'en' ? 'en' : 'ru';
    scoped.get('/q/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
      const found = await findQuestionnaire(db, request.params.token);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!found) return reply.code(404).send(page('404', '<h1>404</h1>', 'en'));
      const lang = await langOf(found.row.account_id);
      if (found.row.answered_at !== null)
        return reply.send(
          page(
            '✓',
            `<h1>${lang === 'en' ? 'Thank you! Your answers are saved.' : 'Спасибо! Ответы получены.'}</h1>`,
            lang,
          ),
        );
      return reply.send(formHtml(found.form, lang));
    });
    scoped.post(
      '/q/:token',
      { schema: { hide: true, params: tokenParams, body: z.record(z.string(), z.string().max(10_000)) } },
      async (request, reply) => {
        const token = request.params.token;
        const result = await answerQuestionnaire(db, app.deps.queue, token, request.body);
        reply.type('text/html; charset=utf-8');
        const found = await findQuestionnaire(db, token);
        const lang = found ? await langOf(found.row.account_id) : 'en';
        if (result.ok || result.status === 409)
          return reply
            .code(result.ok ? 200 : 409)
            .send(
              page(
                '✓',
                `<h1>${lang === 'en' ? 'Thank you! Your answers are saved.' : 'Спасибо! Ответы получены.'}</h1>`,
                lang,
              ),
            );
        if (!found || result.status === 404) return reply.code(404).send(page('404', '<h1>404</h1>', 'en'));
        const values = found.form.questions.map((_q, i) => request.body[`q${i}`] ?? '');
        return reply.code(400).send(formHtml(found.form, lang, result.errors, values));
      },
    );
  });
};
