import { useTranslation } from 'react-i18next';
import { FullPageMessage } from '../ui/FullPageMessage';

/** Shown instead of a blank screen when a page throws while rendering. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <FullPageMessage
      title={t('app.crashTitle')}
      description={t('app.crashText')}
      actionLabel={t('app.reload')}
      onAction={() => window.location.reload()}
    />
  );
}
