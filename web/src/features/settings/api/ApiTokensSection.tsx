import { Center, Code, EmptyState, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { IconKey } from '../../../ui/icons';
import { apiTokensKey, fetchApiTokens, revokeApiToken, tokenStatus, type ApiToken } from './api-tokens';
import { ApiTokenRow } from './ApiTokenRow';
import { CreateTokenModal } from './CreateTokenModal';
import { SettingsBlock } from './SettingsBlock';

/** Long-lived tokens: amoCRM's way for a script or a server to call the API as a user. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: fetchApiTokens });
  const [creating, setCreating] = useState(false);
  // The token stays set while the dialog fades out, so its name does not vanish mid-animation.
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: async (_result, token) => {
      setConfirming(false);
      notifications.show({ color: 'teal', message: t('settingsApi.tokens.revoked', { name: token.name }) });
      await queryClient.invalidateQueries({ queryKey: apiTokensKey });
    },
  });
  const nowSeconds = Math.floor(Date.now() / 1000);

  return (
    <SettingsBlock
      title={t('settingsApi.tokens.title')}
      description={
        <Trans
          i18nKey="settingsApi.tokens.description"
          values={{ url: `${window.location.origin}/api/v4` }}
          components={{ code: <Code /> }}
        />
      }
      actionLabel={t('settingsApi.tokens.create')}
      onAction={() => setCreating(true)}
    >
      {tokens.isPending ? (
        <Center py="lg" role="status" aria-label={t('app.loading')}>
          <Loader size="sm" />
        </Center>
      ) : tokens.isError ? (
        <ApiErrorAlert
          error={tokens.error}
          title={t('settingsApi.tokens.loadFailed')}
          onRetry={() => void tokens.refetch()}
        />
      ) : tokens.data.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconKey size={22} />}
          withIndicatorBackground
          title={t('settingsApi.tokens.emptyTitle')}
          description={t('settingsApi.tokens.emptyText')}
        />
      ) : (
        <Stack
          component="ul"
          gap={0}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('settingsApi.tokens.title')}
        >
          {tokens.data.map((token, index) => (
            <ApiTokenRow
              key={token.id}
              token={token}
              status={tokenStatus(token, nowSeconds)}
              divided={index > 0}
              onRevoke={() => {
                revoke.reset();
                setRevoking(token);
                setConfirming(true);
              }}
            />
          ))}
        </Stack>
      )}
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={confirming}
        title={t('settingsApi.tokens.revokeTitle')}
        message={t('settingsApi.tokens.revokeText', { name: revoking?.name ?? '' })}
        confirmLabel={t('settingsApi.tokens.revoke')}
        loading={revoke.isPending}
        error={<ApiErrorAlert error={revoke.error} title={t('settingsApi.tokens.revokeFailed')} />}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking);
        }}
        onClose={() => setConfirming(false)}
      />
    </SettingsBlock>
  );
}
