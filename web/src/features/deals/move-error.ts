import { ApiError } from '../../app/api';

/** What the server said when it refused: the field errors' details, else the problem's detail. */
export function serverMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) {
    if (error.fieldErrors.length > 0) return error.fieldErrors.map((f) => f.detail).join('; ');
    if (error.status === 0) return fallback;
    return error.detail ?? error.title;
  }
  return error instanceof Error ? error.message : fallback;
}
