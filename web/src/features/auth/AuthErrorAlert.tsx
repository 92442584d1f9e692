import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { IconAlert } from '../../ui/icons';

type Props = { error: unknown; fallbackTitle: string };

/** The server's readable message for a failed login or setup, under a translated headline. */
export function AuthErrorAlert({ error, fallbackTitle }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const status = apiError?.status;

  let title = fallbackTitle;
  if (status === 401) title = t('login.wrongCredentials');
  if (status === 429) title = t('login.lockedTitle');

  let detail = error instanceof Error ? error.message : undefined;
  if (apiError) detail = status === 0 ? t('app.unreachableText') : (apiError.detail ?? apiError.title);
  const minutes = apiError?.retryAfter ? Math.max(1, Math.ceil(apiError.retryAfter / 60)) : undefined;

  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={title} role="alert">
      <Stack gap={4}>
        {detail && detail !== title ? <Text fz="sm">{detail}</Text> : null}
        {status === 429 && minutes ? <Text fz="sm">{t('login.lockedHint', { count: minutes })}</Text> : null}
      </Stack>
    </Alert>
  );
}
