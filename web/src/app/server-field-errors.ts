import { ApiError, type FieldError } from './api';

/**
 * Maps the server's 400 `validation-errors` onto form fields by the last segment of their path
 * (`email`, `body.email`, `/email` all land on `email`). `message` may word an error in the UI's
 * language; without it (or when it returns nothing) the server's own detail is shown.
 */
export function serverFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  message?: (field: F, fieldError: FieldError) => string | undefined,
): Partial<Record<F, string>> {
  const result: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return result;
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.path
      .split(/[./[\]]/)
      .filter(Boolean)
      .pop();
    const field = fields.find((candidate) => candidate === name);
    if (field && !result[field]) {
      result[field] = message?.(field, fieldError) ?? (fieldError.detail || error.title);
    }
  }
  return result;
}
