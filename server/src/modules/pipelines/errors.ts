import { english, type Msg } from '../../http/messages.ts';
import { fieldError, ProblemError, type FieldError } from '../../http/problem.ts';

/**
 * A 400 whose detail says what was refused, with amoCRM's `validation-errors` naming the path,
 * e.g. refuse('The main pipeline cannot be deleted', 'id', 'NotDeletable').
 */
export function refuse(detail: string | Msg, path: string, code = 'InvalidValue', requestId = '0') {
  const m = typeof detail === 'string' ? undefined : detail;
  const text = m ? english(m) : String(detail);
  const error = m ? fieldError(code, path, m) : { code, path, detail: text };
  return new ProblemError(
    400,
    'Bad Request',
    text,
    { 'validation-errors': [{ request_id: requestId, errors: [error] }] },
    m,
  );
}

const validationErrorsOf = (error: ProblemError): Array<{ errors: FieldError[] }> | null => {
  const value = error.extra['validation-errors'];
  if (!Array.isArray(value)) return null;
  return value.map((entry: unknown) => {
    const errors = typeof entry === 'object' && entry !== null && 'errors' in entry ? entry.errors : [];
    return { errors: Array.isArray(errors) ? errors.filter(isFieldError) : [] };
  });
};

function isFieldError(v: unknown): v is FieldError {
  return typeof v === 'object' && v !== null && 'code' in v && 'path' in v && 'detail' in v;
}

/**
 * Runs one item of a batch write: its validation errors carry the item's `request_id`, and a
 * missing target (404) becomes a 400 naming the item's `id`, as amoCRM reports batch errors.
 */
export async function asBatchItem<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    if (error.status === 404) throw refuse(error.msg ?? error.detail, 'id', 'NotFound', requestId);
    const entries = error.status === 400 ? validationErrorsOf(error) : null;
    if (!entries) throw error;
    throw new ProblemError(
      error.status,
      error.title,
      error.detail,
      {
        ...error.extra,
        'validation-errors': entries.map((e) => ({ request_id: requestId, errors: e.errors })),
      },
      error.msg,
    );
  }
}
