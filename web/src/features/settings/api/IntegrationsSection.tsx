import { Center, EmptyState, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert';
import { IconPlugConnected } from '../../../ui/icons';
import { CreateIntegrationModal } from './CreateIntegrationModal';
import { IntegrationRow } from './IntegrationRow';
import { fetchIntegrations, integrationsKey } from './integrations';
import { OAuthFlowHelp } from './OAuthFlowHelp';
import { SettingsBlock } from './SettingsBlock';

/** Integrations: OAuth clients that users of this account connect through the consent page. */
export function IntegrationsSection() {
  const { t } = useTranslation();
  const integrations = useQuery({ queryKey: integrationsKey, queryFn: fetchIntegrations });
  const [creating, setCreating] = useState(false);

  return (
    <SettingsBlock
      title={t('settingsApi.integrations.title')}
      description={t('settingsApi.integrations.description')}
      actionLabel={t('settingsApi.integrations.create')}
      onAction={() => setCreating(true)}
    >
      {integrations.isPending ? (
        <Center py="lg" role="status" aria-label={t('app.loading')}>
          <Loader size="sm" />
        </Center>
      ) : integrations.isError ? (
        <ApiErrorAlert
          error={integrations.error}
          title={t('settingsApi.integrations.loadFailed')}
          onRetry={() => void integrations.refetch()}
        />
      ) : integrations.data.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconPlugConnected size={22} />}
          withIndicatorBackground
          title={t('settingsApi.integrations.emptyTitle')}
          description={t('settingsApi.integrations.emptyText')}
        />
      ) : (
        <Stack
          component="ul"
          gap={0}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('settingsApi.integrations.title')}
        >
          {integrations.data.map((integration, index) => (
            <IntegrationRow key={integration.id} integration={integration} divided={index > 0} />
          ))}
        </Stack>
      )}
      <OAuthFlowHelp />
      <CreateIntegrationModal opened={creating} onClose={() => setCreating(false)} />
    </SettingsBlock>
  );
}
