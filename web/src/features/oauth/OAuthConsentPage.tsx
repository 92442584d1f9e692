import { Button, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { AuthLayout } from '../../ui/AuthLayout';
import { FullPageLoader } from '../../ui/FullPageLoader';
import { useCurrentSession } from '../auth/useSession';
import { authorizeClient, fetchOAuthClient, oauthClientKey } from './oauth';

/**
 * amoCRM's consent step (`/oauth?client_id=...&state=...`): the signed-in user allows an integration of
 * their account, and the browser goes on to the integration's redirect URI with a one-time code.
 */
export function OAuthConsentPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('oauth.pageTitle')} · Voronka`);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const clientId = params.get('client_id') ?? '';
  const state = params.get('state') ?? undefined;
  const { user, account } = useCurrentSession();
  const client = useQuery({
    queryKey: oauthClientKey(clientId),
    queryFn: () => fetchOAuthClient(clientId),
    enabled: clientId !== '',
  });
  const authorize = useMutation({
    mutationFn: authorizeClient,
    onSuccess: ({ redirect_to }) => window.location.assign(redirect_to),
  });
  const leave = () => void navigate('/', { replace: true });

  if (clientId === '' || client.isError) {
    const unknown = client.error instanceof ApiError && client.error.status === 404;
    return (
      <AuthLayout
        title={t('oauth.failedTitle')}
        subtitle={
          clientId === ''
            ? t('oauth.missingClient')
            : unknown
              ? t('oauth.unknownClient')
              : t('oauth.failedText')
        }
      >
        <Stack gap="md">
          {!unknown && client.isError && (
            <ApiErrorAlert
              error={client.error}
              title={t('oauth.loadFailed')}
              onRetry={() => void client.refetch()}
            />
          )}
          <Button variant="light" onClick={leave}>
            {t('oauth.backToApp')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }
  if (client.isPending) return <FullPageLoader />;

  // Once allowed, the browser is leaving: keep the button busy until the next page takes over.
  const granting = authorize.isPending || authorize.isSuccess;
  return (
    <AuthLayout
      title={t('oauth.title', { name: client.data.name, account: account.name })}
      subtitle={t('oauth.redirectNotice', { host: client.data.redirect_host })}
    >
      <Stack gap="md">
        <Text fz="sm">{t('oauth.scope', { name: client.data.name })}</Text>
        <Text fz="sm" c="dimmed">
          {t('oauth.signedInAs', { name: user.name, email: user.email })}
        </Text>
        <ApiErrorAlert error={authorize.error} title={t('oauth.allowFailed')} />
        <Group grow gap="sm">
          <Button variant="default" size="md" onClick={leave} disabled={granting}>
            {t('common.cancel')}
          </Button>
          <Button
            size="md"
            loading={granting}
            onClick={() => authorize.mutate({ client_id: clientId, state })}
          >
            {t('oauth.allow')}
          </Button>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
