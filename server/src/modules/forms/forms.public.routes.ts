import { randomBytes } from 'node:crypto';
import { utmKeys } from '@voronka/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nowSeconds } from '../../db/schema-helpers.ts';
import type { WebForm } from '../../db/types-inbox.ts';
import { requestOrigin } from '../../http/auth.ts';
import { sendProblem } from '../../http/error-handler.ts';
import { embedScript } from './embed-script.ts';
import { formMessages } from './form-messages.ts';
import { countHit, findFormByUid } from './forms.repo.ts';
import { renderFormPage, renderMessagePage, renderSuccessPage } from './render-form-page.ts';
import { settingsOf, submitForm, type Posted } from './submit-form.ts';

/** The largest form post taken: far above any honest form, far below a flood of megabytes. */
export const FORM_BODY_LIMIT = 64 * 1024;
const THROTTLE_WINDOW_SECONDS = 600;

const params = z.object({ uid: z.string().min(1).max(64) });
const text = (v: unknown, max = 2000): string => (typeof v === 'string' ? v.slice(0, max) : '');

const csp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors *`;

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string) {
  return reply
    .code(status)
    .header('content-security-policy', csp(nonce))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer-when-downgrade')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

const wantsJson = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').includes('json') ||
  (request.headers.accept ?? '').includes('application/json');

/** What a posted body holds, as strings: a urlencoded form or a JSON object of scalars. */
function postedOf(body: unknown): Posted {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const out: Posted = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

/**
 * The public side of web forms: the hosted page (also what the embed iframe shows), the embed
 * script and the submission. Nobody is signed in here; every page answers in the form's language.
 */
export const formPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')))
        if (!(k in out)) out[k] = v;
      done(null, out);
    },
  );

  const formOf = async (uid: string): Promise<WebForm | null> => {
    const form = await findFormByUid(app.deps.database.db, uid);
    return form && form.is_active === 1 ? form : null;
  };

  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    pick: (m: ReturnType<typeof formMessages>) => string,
  ) => {
    const uid = params.safeParse(request.params);
    const form = uid.success ? await formOf(uid.data.uid) : null;
    const message = pick(formMessages(form?.lang ?? 'ru'));
    if (wantsJson(request)) return sendProblem(reply, status, message);
    const nonce = randomBytes(12).toString('base64');
    return sendHtml(reply, status, renderMessagePage(form, message, nonce), nonce);
  };

  // A too-large or unreadable post is answered in the form's language, not as a bare 413.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return refuse(request, reply, 413, (m) => m.tooLarge);
    if (status >= 500) request.log.error({ err: error }, 'form request failed');
    return refuse(request, reply, status >= 500 ? 500 : 400, (m) => m.failed);
  });

  app.get(
    '/public/forms/:uid',
    { schema: { hide: true, params, querystring: z.record(z.string(), z.unknown()) } },
    async (request, reply) => {
      const nonce = randomBytes(12).toString('base64');
      const form = await formOf(request.params.uid);
      if (!form)
        return sendHtml(reply, 404, renderMessagePage(null, formMessages('ru').notFound, nonce), nonce);
      const q = request.query;
      const hidden: Record<string, string> = {
        _page: text(q.page) || text(request.headers.referer),
        _ref: text(q.ref),
      };
      for (const k of utmKeys) if (text(q[k], 255)) hidden[k] = text(q[k], 255);
      return sendHtml(reply, 200, renderFormPage(form, settingsOf(form), { hidden, nonce }), nonce);
    },
  );

  app.get('/public/forms/:uid/embed.js', { schema: { hide: true, params } }, async (request, reply) => {
    const form = await formOf(request.params.uid);
    if (!form) return reply.code(404).type('application/javascript').send('/* form not found */');
    const origin = app.deps.config.publicUrl?.replace(/\/$/, '') ?? requestOrigin(request);
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/javascript; charset=utf-8')
      .send(embedScript(form, origin));
  });

  app.post(
    '/public/forms/:uid',
    { bodyLimit: FORM_BODY_LIMIT, schema: { hide: true, params } },
    async (request, reply) => {
      const form = await formOf(request.params.uid);
      if (!form) return refuse(request, reply, 404, (m) => m.notFound);
      const db = app.deps.database.db;
      const hits = await countHit(db, `ip:${request.ip}`, nowSeconds(), THROTTLE_WINDOW_SECONDS);
      if (hits > app.deps.config.formSubmissionsPerIp) {
        reply.header('retry-after', String(THROTTLE_WINDOW_SECONDS));
        return refuse(request, reply, 429, (m) => m.rateLimited);
      }
      const posted = postedOf(request.body);
      const settings = settingsOf(form);
      const result = await submitForm(db, app.deps.queue, form, posted, {
        ip: request.ip,
        page: text(posted._page),
        referrer: text(posted._ref),
        utm: Object.fromEntries(utmKeys.map((k) => [k, text(posted[k], 255)])),
      });
      const nonce = randomBytes(12).toString('base64');
      const m = formMessages(form.lang);
      if (result.kind === 'invalid') {
        if (wantsJson(request)) {
          const errors = Object.entries(result.errors).map(([path, detail]) => ({
            code: 'InvalidValue',
            path,
            detail,
          }));
          return sendProblem(reply, 400, m.fixErrors, { 'validation-errors': [{ request_id: '0', errors }] });
        }
        const hidden: Record<string, string> = { _page: text(posted._page), _ref: text(posted._ref) };
        for (const k of utmKeys) if (posted[k]) hidden[k] = text(posted[k], 255);
        return sendHtml(
          reply,
          400,
          renderFormPage(form, settings, { values: posted, errors: result.errors, hidden, nonce }),
          nonce,
        );
      }
      if (wantsJson(request)) {
        return reply.send({
          ok: true,
          message: settings.success.text || m.thanks,
          redirect_url: settings.success.mode === 'redirect' ? settings.success.redirect_url : null,
        });
      }
      return sendHtml(reply, 200, renderSuccessPage(form, settings, nonce), nonce);
    },
  );
};
