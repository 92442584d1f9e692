import type { Language } from '@voronka/common';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { localTitle, appLanguage, statusTitle } from './language.ts';
import { translate, type MessageKey } from './messages.ts';
import { ProblemError, type FieldError } from './problem.ts';
import { validationMessage } from './zod-messages.ts';

/**
 * Sends a problem+json answer. On /api/app a standard title is worded in the reader's language;
 * the detail is sent as given (callers with a catalogue message throw a ProblemError instead).
 */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  title = statusTitle(status),
) {
  const lang = appLanguage(reply.request);
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      title: localTitle(status, title, lang),
      type: `https://httpstatus.es/${status}`,
      status,
      detail,
      ...extra,
    });
}

/** `/0/custom_fields_values/1` -> `0.custom_fields_values.1`, the path style amoCRM reports. */
const toPath = (instancePath: string, context: string | undefined) => {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return context && context !== 'body' ? (path ? `${context}.${path}` : context) : path;
};

const isFieldError = (v: unknown): v is FieldError =>
  typeof v === 'object' && v !== null && 'code' in v && 'path' in v && 'detail' in v;

/** `validation-errors` with each catalogue detail in `lang` (other extras unchanged). */
function localiseExtra(extra: Record<string, unknown>, lang: Language | null): Record<string, unknown> {
  const groups = extra['validation-errors'];
  if (!lang || !Array.isArray(groups)) return extra;
  return {
    ...extra,
    'validation-errors': groups.map((group: unknown) => {
      if (typeof group !== 'object' || group === null || !('errors' in group) || !Array.isArray(group.errors))
        return group;
      return {
        ...group,
        errors: group.errors.map((e: unknown) =>
          isFieldError(e) && e.msg ? { ...e, detail: translate(e.msg, lang) } : e,
        ),
      };
    }),
  };
}

/** Fastify's own 4xx errors the web app may meet, by code. */
const fastifyMessages: Record<string, MessageKey> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'http.too_large',
};

/**
 * Every error leaves as amoCRM-style `application/problem+json`; 5xx details stay in the log.
 * /api/app answers are worded in the user's language (appLanguage); others stay English.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = appLanguage(request);
    if (error instanceof ProblemError) {
      const detail = lang && error.msg ? translate(error.msg, lang) : error.detail;
      return sendProblem(reply, error.status, detail, localiseExtra(error.extra, lang), error.title);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        code: v.keyword,
        path: toPath(v.instancePath, error.validationContext),
        detail: lang ? validationMessage(v, lang) : (v.message ?? 'Invalid value'),
      }));
      const detail = lang ? translate({ key: 'http.bad_request' }, lang) : 'Request validation failed';
      return sendProblem(reply, 400, detail, { 'validation-errors': [{ request_id: '0', errors }] });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      const detail = lang ? translate({ key: 'http.internal' }, lang) : 'Internal error; see the server log';
      return sendProblem(reply, status, detail);
    }
    const key = fastifyMessages[error.code];
    return sendProblem(reply, status, lang && key ? translate({ key }, lang) : error.message);
  });
}
