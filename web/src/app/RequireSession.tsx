import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, useSetupStatus } from '../features/auth/useSession';
import { FullPageLoader } from '../ui/FullPageLoader';
import { FullPageMessage } from '../ui/FullPageMessage';

/** Route guard of the app area: first-run setup first, then login, then the app. */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const setup = useSetupStatus();
  const session = useSession();

  if (setup.isPending || session.isPending) return <FullPageLoader />;
  if (setup.isError || session.isError) {
    return (
      <FullPageMessage
        title={t('app.unreachableTitle')}
        description={t('app.unreachableText')}
        actionLabel={t('app.retry')}
        onAction={() => {
          void setup.refetch();
          void session.refetch();
        }}
      />
    );
  }
  if (setup.data.required) return <Navigate to="/setup" replace />;
  if (!session.data) {
    // The whole address comes back after login: the OAuth consent page lives in its query string.
    const from = location.pathname + location.search + location.hash;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <Outlet />;
}
