/** One entry of amoCRM's `validation-errors[].errors[]`. */
export type FieldError = { code: string; path: string; detail: string };

/**
 * An error that the error handler renders as `application/problem+json`, the way amoCRM does.
 * Commands throw it; routes never build error bodies by hand.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (errors: FieldError[], requestId = '0') =>
  new ProblemError(400, 'Bad Request', 'Request validation failed', {
    'validation-errors': [{ request_id: requestId, errors }],
  });

export const notFound = (detail = 'Not found') => new ProblemError(404, 'Not Found', detail);
export const unauthorized = (detail = 'Authorization required') =>
  new ProblemError(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Access denied') => new ProblemError(403, 'Forbidden', detail);
export const conflict = (detail: string) => new ProblemError(409, 'Conflict', detail);
