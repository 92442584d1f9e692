import { Center, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconLock } from '../../ui/icons';
import { useCurrentSession } from '../auth/useSession';

/**
 * Renders a settings screen for administrators; everyone else sees why it is closed (the server
 * refuses their writes with 403 anyway).
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, account } = useCurrentSession();
  if (user.isAdmin) return children;
  return (
    <Center py={{ base: 48, sm: 96 }}>
      <EmptyState
        maw={460}
        variant="light"
        color="gray"
        icon={<IconLock size={28} />}
        title={t('settings.adminOnlyTitle')}
        description={t('settings.adminOnlyText', { account: account.name })}
      />
    </Center>
  );
}
