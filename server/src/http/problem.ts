import { english, type Msg } from './messages.ts';

/**
 * One entry of amoCRM's `validation-errors[].errors[]`. `msg` (never sent) is the catalogue
 * message behind `detail`, so the web app's answers can word it in the user's language.
 */
export type FieldError = { code: string; path: string; detail: string; msg?: Msg };

/**
 * A field error whose detail is a catalogue message (English in `detail`, as /api/v4 sends it).
 * `msg` is not enumerable, so no JSON of the error (a v4 answer, an automation run's log) shows it.
 */
export function fieldError(code: string, path: string, m: Msg): FieldError {
  const error: FieldError = { code, path, detail: english(m) };
  Object.defineProperty(error, 'msg', { value: m, enumerable: false });
  return error;
}

/**
 * An error that the error handler renders as `application/problem+json`, the way amoCRM does.
 * Commands throw it; routes never build error bodies by hand. `msg` is the catalogue message
 * behind `detail` (see messages.ts); without it the detail is sent as it is in every language.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly msg?: Msg,
  ) {
    super(detail);
  }
}

/** A detail given as text (sent as it is) or as a catalogue message. */
export type Detail = string | Msg;
const textOf = (d: Detail) => (typeof d === 'string' ? d : english(d));
const msgOf = (d: Detail) => (typeof d === 'string' ? undefined : d);

export const problem = (status: number, title: string, detail: Detail, extra: Record<string, unknown> = {}) =>
  new ProblemError(status, title, textOf(detail), extra, msgOf(detail));

export const badRequest = (errors: FieldError[], requestId = '0') =>
  problem(
    400,
    'Bad Request',
    { key: 'http.bad_request' },
    {
      'validation-errors': [{ request_id: requestId, errors }],
    },
  );

export const notFound = (detail: Detail = { key: 'http.not_found' }) => problem(404, 'Not Found', detail);
export const unauthorized = (detail: Detail = { key: 'http.unauthorized' }) =>
  problem(401, 'Unauthorized', detail);
export const forbidden = (detail: Detail = { key: 'http.forbidden' }) => problem(403, 'Forbidden', detail);
export const conflict = (detail: Detail) => problem(409, 'Conflict', detail);
