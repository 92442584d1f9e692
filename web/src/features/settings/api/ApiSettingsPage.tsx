import { Center, EmptyState, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconLock } from '../../../ui/icons';
import { SectionPage } from '../../../ui/SectionPage';
import { useCurrentSession } from '../../auth/useSession';
import { ApiTokensSection } from './ApiTokensSection';
import { IntegrationsSection } from './IntegrationsSection';

/** Settings -> API and integrations: long-lived tokens and OAuth clients, for administrators. */
export function ApiSettingsPage() {
  const { t } = useTranslation();
  const { user, account } = useCurrentSession();
  return (
    <SectionPage title={t('settingsApi.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      {user.isAdmin ? (
        <Stack gap="xl" maw={960}>
          <ApiTokensSection />
          <IntegrationsSection />
        </Stack>
      ) : (
        <Center py={{ base: 48, sm: 96 }}>
          <EmptyState
            maw={460}
            variant="light"
            color="gray"
            icon={<IconLock size={28} />}
            title={t('settingsApi.adminOnlyTitle')}
            description={t('settingsApi.adminOnlyText', { account: account.name })}
          />
        </Center>
      )}
    </SectionPage>
  );
}
