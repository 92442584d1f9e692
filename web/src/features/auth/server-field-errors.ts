import { ApiError } from '../../app/api';

/**
 * Maps the server's 400 `validation-errors` onto form fields by the last segment of their path
 * (`email`, `body.email`, `/email` all land on `email`).
 */
export function serverFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const result: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return result;
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.path
      .split(/[./[\]]/)
      .filter(Boolean)
      .pop();
    const field = fields.find((candidate) => candidate === name);
    if (field && !result[field]) result[field] = fieldError.detail || error.title;
  }
  return result;
}
