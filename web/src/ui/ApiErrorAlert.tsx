import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { IconAlert } from './icons';

type Props = {
  error: unknown;
  title: string;
  onRetry?: () => void;
  /** Stay hidden when the server named the fields at fault: the form shows those next to them. */
  hideFieldErrors?: boolean;
};

/** A failed API call under a translated headline, with the server's explanation and an optional retry. */
export function ApiErrorAlert({ error, title, onRetry, hideFieldErrors }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  if (hideFieldErrors && error instanceof ApiError && error.fieldErrors.length > 0) return null;

  let detail = error instanceof Error ? error.message : undefined;
  if (error instanceof ApiError) {
    if (error.status === 0) detail = t('app.unreachableText');
    else if (error.status === 403) detail = t('common.forbidden');
    else detail = error.detail ?? error.title;
  }

  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        {detail && detail !== title ? <Text fz="sm">{detail}</Text> : null}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
