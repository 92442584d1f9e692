import { notifications } from '@mantine/notifications';
import { ApiError } from '../../app/api';

/** A failed write as a red notification with the server's words (the field's detail when named). */
export function notifyError(title: string, error: unknown): void {
  const message =
    error instanceof ApiError
      ? (error.fieldErrors[0]?.detail ?? error.detail ?? error.title)
      : error instanceof Error
        ? error.message
        : String(error);
  notifications.show({ color: 'red', title, message });
}
