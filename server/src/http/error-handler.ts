import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ProblemError, type FieldError } from './problem.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  title = STATUS_TITLES[status] ?? 'Error',
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ title, type: `https://httpstatus.es/${status}`, status, detail, ...extra });
}

/** `/0/custom_fields_values/1` -> `0.custom_fields_values.1`, the path style amoCRM reports. */
const toPath = (instancePath: string, context: string | undefined) => {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return context && context !== 'body' ? (path ? `${context}.${path}` : context) : path;
};

/** Every error leaves as amoCRM-style `application/problem+json`; 5xx details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError)
      return sendProblem(reply, error.status, error.detail, error.extra, error.title);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        code: v.keyword,
        path: toPath(v.instancePath, error.validationContext),
        detail: v.message ?? 'Invalid value',
      }));
      return sendProblem(reply, 400, 'Request validation failed', {
        'validation-errors': [{ request_id: '0', errors }],
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, status, 'Internal error; see the server log');
    }
    return sendProblem(reply, status, error.message);
  });
}
