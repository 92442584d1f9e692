import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { isRecord } from '../../app/decode';
import { applyLanguage, currentLanguage } from '../../app/i18n';
import { AuthLayout } from '../../ui/AuthLayout';
import { FullPageLoader } from '../../ui/FullPageLoader';
import { LanguagePicker } from '../../ui/LanguagePicker';
import { LoginForm } from './LoginForm';
import { useSession, useSetupStatus } from './useSession';

/** Where the guard sent the user from, so logging in returns them there. */
function useReturnPath(): string {
  const { state } = useLocation();
  const from: unknown = isRecord(state) ? state.from : undefined;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('login.pageTitle')} · Voronka`);
  const session = useSession();
  const setup = useSetupStatus();
  const returnPath = useReturnPath();

  if (session.isPending || setup.isPending) return <FullPageLoader />;
  if (setup.data?.required) return <Navigate to="/setup" replace />;
  if (session.data) return <Navigate to={returnPath} replace />;

  return (
    <AuthLayout
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={
        <LanguagePicker
          fullWidth
          ariaLabel={t('userMenu.language')}
          value={currentLanguage()}
          onChange={(language) => void applyLanguage(language)}
        />
      }
    >
      <LoginForm />
    </AuthLayout>
  );
}
