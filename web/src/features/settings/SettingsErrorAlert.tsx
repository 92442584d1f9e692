import { ApiError } from '../../app/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';

/**
 * The server's problem+json as readable text: a 400 whose detail is the generic "Request
 * validation failed" shows what each `validation-errors` entry says instead.
 */
export function readableError(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  const details = [...new Set(error.fieldErrors.map((e) => e.detail).filter(Boolean))];
  if (details.length === 0) return error;
  return new ApiError({
    status: error.status,
    title: error.title,
    detail: details.join('; '),
    fieldErrors: error.fieldErrors,
  });
}

type Props = { error: unknown; title: string; onRetry?: () => void };

/** ApiErrorAlert with the field errors spelt out, for settings forms whose fields the server names. */
export function SettingsErrorAlert({ error, title, onRetry }: Props) {
  return <ApiErrorAlert error={readableError(error)} title={title} {...(onRetry ? { onRetry } : {})} />;
}
