import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { AuthLayout } from '../../ui/AuthLayout';
import { FullPageLoader } from '../../ui/FullPageLoader';
import { SetupForm } from './SetupForm';
import { useSetupStatus } from './useSession';

/** First run: creates the company account and its administrator, then logs them in. */
export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('setup.pageTitle')} · Voronka`);
  const setup = useSetupStatus();

  if (setup.isPending) return <FullPageLoader />;
  if (!setup.data?.required) return <Navigate to="/" replace />;

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <SetupForm />
    </AuthLayout>
  );
}
